package org.adrdstream.cohort.vocabulary;

import java.util.Objects;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;

/**
 * A code as the generator writes it: system, value as the source system spells it (ICD-10-CM with its dot)
 * and display text.
 */
public record ClinicalCode(CodeSystem system, String value, String display) {

    public ClinicalCode {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(display, "display");
    }

    public static ClinicalCode icd10(String value, String display) {
        return new ClinicalCode(CodeSystem.ICD10CM, value, display);
    }

    public static ClinicalCode rxnorm(String value, String display) {
        return new ClinicalCode(CodeSystem.RXNORM, value, display);
    }

    public static ClinicalCode loinc(String value, String display) {
        return new ClinicalCode(CodeSystem.LOINC, value, display);
    }

    public static ClinicalCode cpt(String value, String display) {
        return new ClinicalCode(CodeSystem.CPT, value, display);
    }

    /** The contract's form of this code. */
    public Code toContract() {
        return new Code(system, value, display);
    }
}
