package org.adrdstream.cohort.vocabulary;

import org.adrdstream.contract.EventKind;

/** Labs, vital signs and cognitive scores in LOINC with their UCUM units and the event kind they map to. */
public enum Measurements {
    SYSTOLIC_BP(ClinicalCode.loinc("8480-6", "Systolic blood pressure"), "mm[Hg]", EventKind.OBSERVATION),
    BMI(ClinicalCode.loinc("39156-5", "Body mass index (BMI) [Ratio]"), "kg/m2", EventKind.OBSERVATION),
    HBA1C(ClinicalCode.loinc("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"), "%", EventKind.LAB),
    LDL(ClinicalCode.loinc("13457-7", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation"),
            "mg/dL", EventKind.LAB),
    EGFR(ClinicalCode.loinc("62238-1",
            "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by "
                    + "Creatinine-based formula (CKD-EPI)"), "mL/min/{1.73_m2}", EventKind.LAB),
    MMSE(ClinicalCode.loinc("72106-8", "Total score [MMSE]"), "{score}", EventKind.OBSERVATION),
    MOCA(ClinicalCode.loinc("72172-0", "Total score [MoCA]"), "{score}", EventKind.OBSERVATION);

    private final ClinicalCode code;
    private final String unit;
    private final EventKind kind;

    Measurements(ClinicalCode code, String unit, EventKind kind) {
        this.code = code;
        this.unit = unit;
        this.kind = kind;
    }

    public ClinicalCode code() {
        return code;
    }

    public String unit() {
        return unit;
    }

    public EventKind kind() {
        return kind;
    }

    /** Cognitive test scores are surveys in FHIR and OMOP terms, not vital signs. */
    public boolean isCognitiveScore() {
        return this == MMSE || this == MOCA;
    }
}
