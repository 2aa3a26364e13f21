package org.adrdstream.cohort.life;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.vocabulary.AdrdDiagnosis;
import org.adrdstream.contract.Sex;

/**
 * The ground truth of one synthetic patient: who they are, when each risk factor began, when dementia began
 * and was (or would have been) diagnosed, when they joined and left the health system and when they died.
 * It feeds the record writers and the evaluation side file; it never enters a topic.
 *
 * @param index             the patient's position in the cohort (patient k is the same for every cohort size)
 * @param birthDate         date of birth
 * @param sex               FEMALE or MALE
 * @param factorOnsets      onset date of each factor the patient ever has (factors present at age 40 carry
 *                          the date they turned 40)
 * @param adrdOnset         true onset of dementia, if it happened before the simulation ended
 * @param adrdDiagnosisDue  when a clinician would first diagnose it, if the patient lives that long
 * @param adrdDiagnosis     the diagnosis code the patient would receive
 * @param enrolmentStart    first day in the health system
 * @param enrolmentEnd      last day observed: leaving, death or the end of the data
 * @param death             date of death, if before the end of the simulation
 */
public record LifeCourse(int index, LocalDate birthDate, Sex sex, Map<RiskFactor, LocalDate> factorOnsets,
                         LocalDate adrdOnset, LocalDate adrdDiagnosisDue, AdrdDiagnosis adrdDiagnosis,
                         LocalDate enrolmentStart, LocalDate enrolmentEnd, LocalDate death) {

    public LifeCourse {
        EnumMap<RiskFactor, LocalDate> copy = new EnumMap<>(RiskFactor.class);
        copy.putAll(factorOnsets);
        factorOnsets = Collections.unmodifiableMap(copy);
    }

    /** Age in (fractional) years on {@code date}. */
    public double ageAt(LocalDate date) {
        return ChronoUnit.DAYS.between(birthDate, date) / 365.25;
    }

    public boolean has(RiskFactor factor, LocalDate date) {
        LocalDate onset = factorOnsets.get(factor);
        return onset != null && !onset.isAfter(date);
    }

    /** The factors present on {@code date}. */
    public Set<RiskFactor> factorsAt(LocalDate date) {
        Set<RiskFactor> present = EnumSet.noneOf(RiskFactor.class);
        factorOnsets.forEach((factor, onset) -> {
            if (!onset.isAfter(date)) {
                present.add(factor);
            }
        });
        return present;
    }

    public boolean hasDementiaAt(LocalDate date) {
        return adrdOnset != null && !adrdOnset.isAfter(date);
    }

    /**
     * From when this record carries the diagnosis: the due date, or the first enrolled day for someone
     * diagnosed before joining; empty when the diagnosis falls after the record ends.
     */
    public Optional<LocalDate> recordedDiagnosisFrom() {
        if (adrdDiagnosisDue == null || adrdDiagnosisDue.isAfter(enrolmentEnd)) {
            return Optional.empty();
        }
        return Optional.of(adrdDiagnosisDue.isBefore(enrolmentStart) ? enrolmentStart : adrdDiagnosisDue);
    }

    public boolean isAliveAt(LocalDate date) {
        return death == null || date.isBefore(death);
    }
}
