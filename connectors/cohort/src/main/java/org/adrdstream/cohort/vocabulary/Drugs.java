package org.adrdstream.cohort.vocabulary;

import java.util.List;

/** RxNorm ingredients the generator prescribes (ingredient-level codes, as many EHR extracts carry them). */
public final class Drugs {

    public static final ClinicalCode LISINOPRIL = ClinicalCode.rxnorm("29046", "lisinopril");
    public static final ClinicalCode AMLODIPINE = ClinicalCode.rxnorm("17767", "amlodipine");
    public static final ClinicalCode HYDROCHLOROTHIAZIDE = ClinicalCode.rxnorm("5487", "hydrochlorothiazide");
    public static final ClinicalCode LOSARTAN = ClinicalCode.rxnorm("52175", "losartan");
    public static final ClinicalCode METFORMIN = ClinicalCode.rxnorm("6809", "metformin");
    public static final ClinicalCode INSULIN_GLARGINE = ClinicalCode.rxnorm("274783", "insulin glargine");
    public static final ClinicalCode ATORVASTATIN = ClinicalCode.rxnorm("83367", "atorvastatin");
    public static final ClinicalCode SIMVASTATIN = ClinicalCode.rxnorm("36567", "simvastatin");
    public static final ClinicalCode SERTRALINE = ClinicalCode.rxnorm("36437", "sertraline");
    public static final ClinicalCode CITALOPRAM = ClinicalCode.rxnorm("2556", "citalopram");
    public static final ClinicalCode APIXABAN = ClinicalCode.rxnorm("1364430", "apixaban");
    public static final ClinicalCode WARFARIN = ClinicalCode.rxnorm("11289", "warfarin");
    public static final ClinicalCode LEVODOPA = ClinicalCode.rxnorm("6375", "levodopa");
    public static final ClinicalCode NICOTINE = ClinicalCode.rxnorm("7407", "nicotine");
    public static final ClinicalCode NALTREXONE = ClinicalCode.rxnorm("7243", "naltrexone");

    /** Strongly anticholinergic drugs: associated with dementia in observational data, not causal here. */
    public static final List<ClinicalCode> ANTICHOLINERGICS = List.of(
            ClinicalCode.rxnorm("32675", "oxybutynin"), ClinicalCode.rxnorm("3498", "diphenhydramine"));
    public static final List<ClinicalCode> BENZODIAZEPINES = List.of(
            ClinicalCode.rxnorm("6470", "lorazepam"), ClinicalCode.rxnorm("596", "alprazolam"));

    /** The four anti-dementia ingredients of the ADRD code list (models: AdrdCodeList). */
    public static final ClinicalCode DONEPEZIL = ClinicalCode.rxnorm("135447", "donepezil");
    public static final ClinicalCode GALANTAMINE = ClinicalCode.rxnorm("4637", "galantamine");
    public static final ClinicalCode RIVASTIGMINE = ClinicalCode.rxnorm("183379", "rivastigmine");
    public static final ClinicalCode MEMANTINE = ClinicalCode.rxnorm("6719", "memantine");

    private Drugs() {
    }
}
