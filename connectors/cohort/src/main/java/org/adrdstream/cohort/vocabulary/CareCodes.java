package org.adrdstream.cohort.vocabulary;

/** Diagnosis and procedure codes of the care patterns that are not risk factors or ADRD itself. */
public final class CareCodes {

    // Prodromal signs in the years before a dementia diagnosis (inputs, not outcomes: see docs/task.md).
    public static final ClinicalCode MEMORY_COMPLAINT = ClinicalCode.icd10("R41.3", "Other amnesia");
    public static final ClinicalCode MILD_COGNITIVE_IMPAIRMENT = ClinicalCode.icd10("G31.84",
            "Mild cognitive impairment of uncertain or known etiology");
    public static final ClinicalCode ANXIETY = ClinicalCode.icd10("F41.9", "Anxiety disorder, unspecified");
    public static final ClinicalCode NEW_DEPRESSION = ClinicalCode.icd10("F32.A", "Depression, unspecified");
    public static final ClinicalCode FALL = ClinicalCode.icd10("W19.XXXA", "Unspecified fall, initial encounter");
    public static final ClinicalCode WEIGHT_LOSS = ClinicalCode.icd10("R63.4", "Abnormal weight loss");
    public static final ClinicalCode DISORIENTATION = ClinicalCode.icd10("R41.0", "Disorientation, unspecified");

    public static final ClinicalCode CT_HEAD = ClinicalCode.cpt("70450",
            "Computed tomography, head or brain; without contrast material");
    public static final ClinicalCode COGNITIVE_ASSESSMENT = ClinicalCode.cpt("99483",
            "Cognitive assessment and care plan services");
    public static final ClinicalCode ECG = ClinicalCode.cpt("93000", "Electrocardiogram, routine, with interpretation");
    public static final ClinicalCode AUDIOMETRY = ClinicalCode.cpt("92557", "Comprehensive audiometry evaluation");

    private CareCodes() {
    }
}
