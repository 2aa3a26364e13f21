package org.adrdstream.cohort.care;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.life.LifeCourse;
import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.cohort.vocabulary.Drugs;

/**
 * The per-patient choices that stay fixed over the record: which drug treats each factor, whether the patient
 * takes anticholinergics or benzodiazepines, which anti-dementia drug follows a diagnosis, and when the
 * prodrome before the diagnosis begins.
 */
record CarePlan(Map<RiskFactor, ClinicalCode> treatments, ClinicalCode anticholinergic, ClinicalCode benzodiazepine,
                ClinicalCode antiDementiaDrug, LocalDate prodromeStart) {

    static final double ANTICHOLINERGIC_USE = 0.08;
    static final double BENZODIAZEPINE_USE = 0.06;
    static final double ANTI_DEMENTIA_TREATMENT = 0.85;
    static final double PRODROME_MIN_YEARS = 1;
    static final double PRODROME_MAX_YEARS = 5;

    static CarePlan draw(LifeCourse life, SplittableRandom random) {
        Map<RiskFactor, ClinicalCode> treatments = new EnumMap<>(RiskFactor.class);
        for (RiskFactor factor : RiskFactor.values()) {
            if (!factor.treatments().isEmpty() && random.nextDouble() < factor.treatmentProbability()) {
                treatments.put(factor, factor.treatments().get(random.nextInt(factor.treatments().size())));
            }
        }
        ClinicalCode anticholinergic = random.nextDouble() < ANTICHOLINERGIC_USE
                ? Drugs.ANTICHOLINERGICS.get(random.nextInt(Drugs.ANTICHOLINERGICS.size())) : null;
        ClinicalCode benzodiazepine = random.nextDouble() < BENZODIAZEPINE_USE
                ? Drugs.BENZODIAZEPINES.get(random.nextInt(Drugs.BENZODIAZEPINES.size())) : null;
        ClinicalCode antiDementia = random.nextDouble() < ANTI_DEMENTIA_TREATMENT ? antiDementiaDrug(random) : null;
        LocalDate prodromeStart = life.adrdDiagnosisDue() == null ? null : life.adrdDiagnosisDue().minusDays((long)
                (365.25 * (PRODROME_MIN_YEARS + random.nextDouble() * (PRODROME_MAX_YEARS - PRODROME_MIN_YEARS))));
        return new CarePlan(treatments, anticholinergic, benzodiazepine, antiDementia, prodromeStart);
    }

    /** Donepezil first-line in most; memantine, galantamine, rivastigmine for the rest. */
    private static ClinicalCode antiDementiaDrug(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < 0.55) {
            return Drugs.DONEPEZIL;
        }
        if (u < 0.80) {
            return Drugs.MEMANTINE;
        }
        return u < 0.90 ? Drugs.GALANTAMINE : Drugs.RIVASTIGMINE;
    }

    boolean inProdrome(LocalDate date, LocalDate diagnosisFrom) {
        return prodromeStart != null && !date.isBefore(prodromeStart)
                && (diagnosisFrom == null || date.isBefore(diagnosisFrom));
    }
}
