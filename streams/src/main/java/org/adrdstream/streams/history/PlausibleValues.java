package org.adrdstream.streams.history;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSystem;

/**
 * Physiological bounds of the measurements the platform reads, in the unit it expects. A value outside them is
 * a unit mix-up or a typing error (a BMI of 2,500, an HbA1c of 65 %), not a patient, and would mislead every
 * model that reads values, so the event is dead-lettered with the bound it broke. The same value in another
 * unit passes (the platform converts no units), and so do codes without a bound here, unless a value is
 * beyond {@value #ANY_CODE_LIMIT} in size, which no clinical measurement in any unit reaches.
 */
final class PlausibleValues {

    /** Magnitude no measurement of any code may exceed. */
    static final double ANY_CODE_LIMIT = 1e12;

    private record Bound(String unit, double min, double max) {
    }

    private static final Map<String, Bound> LOINC = Map.ofEntries(
            Map.entry("8480-6", new Bound("mm[Hg]", 40, 300)),           // systolic blood pressure
            Map.entry("8462-4", new Bound("mm[Hg]", 20, 200)),           // diastolic blood pressure
            Map.entry("8867-4", new Bound("/min", 10, 350)),             // heart rate
            Map.entry("39156-5", new Bound("kg/m2", 8, 150)),            // body mass index
            Map.entry("4548-4", new Bound("%", 2, 25)),                  // HbA1c
            Map.entry("2345-7", new Bound("mg/dL", 5, 3000)),            // glucose
            Map.entry("13457-7", new Bound("mg/dL", 0, 1000)),           // LDL cholesterol
            Map.entry("62238-1", new Bound("mL/min/{1.73_m2}", 0, 250)), // eGFR (CKD-EPI)
            Map.entry("72106-8", new Bound("{score}", 0, 30)),           // MMSE total
            Map.entry("72172-0", new Bound("{score}", 0, 30)));          // MoCA total

    private PlausibleValues() {
    }

    /** Why the event's value cannot be a measurement of its code; empty when it can or there is no value. */
    static Optional<String> problem(ClinicalEvent event) {
        Double value = event.getValue();
        if (value == null) {
            return Optional.empty();
        }
        if (!Double.isFinite(value)) {
            return Optional.of("value " + value + " is not a finite number");
        }
        if (Math.abs(value) > ANY_CODE_LIMIT) {
            return Optional.of("value " + value + " is beyond " + ANY_CODE_LIMIT + " in size: no measurement is");
        }
        if (event.getCode() == null || event.getCode().getSystem() != CodeSystem.LOINC) {
            return Optional.empty();
        }
        Bound bound = LOINC.get(event.getCode().getValue());
        if (bound == null || !sameUnit(bound.unit(), event.getUnit())) {
            return Optional.empty();
        }
        if (value < bound.min() || value > bound.max()) {
            return Optional.of(String.format(Locale.ROOT, "value %s %s of LOINC %s is outside the plausible range %s to %s",
                    value, bound.unit(), event.getCode().getValue(), bound.min(), bound.max()));
        }
        return Optional.empty();
    }

    private static boolean sameUnit(String expected, String unit) {
        return unit != null && unit.trim().equalsIgnoreCase(expected);
    }
}
