package org.adrdstream.streams.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.junit.jupiter.api.Test;

/** Values no patient has are refused with the bound they broke; units the platform does not know pass. */
class PlausibleValuesTest {

    private static final Instant T = Instant.parse("2015-01-01T00:00:00Z");

    @Test
    void bmiOfTwoThousandFiveHundredIsRefusedNamingTheRange() {
        assertThat(PlausibleValues.problem(value("39156-5", 2500.0, "kg/m2")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("2500.0 kg/m2").contains("39156-5")
                        .contains("8.0 to 150.0"));
    }

    @Test
    void valuesInsideTheRangeAndAtItsEdgesPass() {
        assertThat(PlausibleValues.problem(value("39156-5", 27.4, "kg/m2"))).isEmpty();
        assertThat(PlausibleValues.problem(value("72106-8", 0.0, "{score}"))).isEmpty();
        assertThat(PlausibleValues.problem(value("72106-8", 30.0, "{score}"))).isEmpty();
        assertThat(PlausibleValues.problem(value("72106-8", 31.0, "{score}"))).isPresent();
    }

    @Test
    void anotherUnitPassesBecauseNothingIsConverted() {
        assertThat(PlausibleValues.problem(value("2345-7", 5.4, "mmol/L"))).isEmpty();
        assertThat(PlausibleValues.problem(value("2345-7", 2.0, "mg/dL"))).isPresent();
    }

    @Test
    void anyCodeHasAnOuterLimitAndMustBeFinite() {
        assertThat(PlausibleValues.problem(value("99999-9", 1e13, "U/L"))).isPresent();
        assertThat(PlausibleValues.problem(value("99999-9", -1e13, null))).isPresent();
        assertThat(PlausibleValues.problem(value("99999-9", Double.NaN, null))).hasValueSatisfying(
                reason -> assertThat(reason).contains("not a finite number"));
        assertThat(PlausibleValues.problem(value("99999-9", 1e9, "U/L"))).isEmpty();
    }

    @Test
    void eventsWithoutAValuePass() {
        assertThat(PlausibleValues.problem(Events.diagnosis("p", "e", T, "I10"))).isEmpty();
    }

    private static ClinicalEvent value(String loinc, double value, String unit) {
        ClinicalEvent event = Events.event("p", "e", EventKind.LAB, T, new Code(CodeSystem.LOINC, loinc, null));
        event.setValue(value);
        event.setUnit(unit);
        return event;
    }
}
