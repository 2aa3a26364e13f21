package org.adrdstream.cohort.vocabulary;

/**
 * The ADRD diagnosis a patient receives once diagnosed, with the share of incident diagnoses it takes in the
 * generator (roughly the mix of dementia codes in US claims: Alzheimer's and unspecified dementia dominate).
 */
public enum AdrdDiagnosis {
    ALZHEIMERS_LATE_ONSET(ClinicalCode.icd10("G30.1", "Alzheimer's disease with late onset"), 0.35),
    ALZHEIMERS_UNSPECIFIED(ClinicalCode.icd10("G30.9", "Alzheimer's disease, unspecified"), 0.20),
    VASCULAR(ClinicalCode.icd10("F01.50", "Vascular dementia without behavioral disturbance"), 0.15),
    UNSPECIFIED(ClinicalCode.icd10("F03.90", "Unspecified dementia without behavioral disturbance"), 0.22),
    LEWY_BODIES(ClinicalCode.icd10("G31.83", "Dementia with Lewy bodies"), 0.05),
    IN_OTHER_DISEASES(ClinicalCode.icd10("F02.80",
            "Dementia in other diseases classified elsewhere without behavioral disturbance"), 0.03);

    private final ClinicalCode code;
    private final double share;

    AdrdDiagnosis(ClinicalCode code, double share) {
        this.code = code;
        this.share = share;
    }

    public ClinicalCode code() {
        return code;
    }

    /** The subtype for a uniform draw {@code u} in [0, 1). */
    public static AdrdDiagnosis forDraw(double u) {
        double cumulative = 0;
        for (AdrdDiagnosis diagnosis : values()) {
            cumulative += diagnosis.share;
            if (u < cumulative) {
                return diagnosis;
            }
        }
        return UNSPECIFIED;
    }
}
