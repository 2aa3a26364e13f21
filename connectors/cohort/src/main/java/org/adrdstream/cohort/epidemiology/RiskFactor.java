package org.adrdstream.cohort.epidemiology;

import java.util.List;

import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.cohort.vocabulary.Drugs;

/**
 * The dementia risk factors the generator simulates: when they start (prevalence at age 40 plus an
 * age-specific onset rate), how much they multiply the ADRD hazard and mortality, and whether and how a
 * clinic codes them. Sources are in docs/cohort.md; factors with no code stay latent, as in real records.
 */
public enum RiskFactor {

    // Lancet Commission 2024 factors (relative risks from Livingston et al., Lancet 2024;404:572-628).
    HYPERTENSION("hypertension", 0.15, AgeSchedule.of(40, 0.02, 50, 0.03, 65, 0.05), 1.2, 1.1,
            ClinicalCode.icd10("I10", "Essential (primary) hypertension"), null, 0.65, 0.85,
            List.of(Drugs.LISINOPRIL, Drugs.AMLODIPINE, Drugs.HYDROCHLOROTHIAZIDE, Drugs.LOSARTAN)),
    DIABETES("type 2 diabetes", 0.02, AgeSchedule.of(40, 0.004, 50, 0.007, 65, 0.006), 1.7, 1.6,
            ClinicalCode.icd10("E11.9", "Type 2 diabetes mellitus without complications"), null, 0.75, 0.9,
            List.of(Drugs.METFORMIN, Drugs.INSULIN_GLARGINE)),
    HIGH_LDL("hyperlipidaemia / high LDL", 0.08, AgeSchedule.of(40, 0.01, 50, 0.02, 65, 0.012), 1.27, 1.0,
            ClinicalCode.icd10("E78.5", "Hyperlipidemia, unspecified"), null, 0.5, 0.7,
            List.of(Drugs.ATORVASTATIN, Drugs.SIMVASTATIN)),
    OBESITY("obesity", 0.38, AgeSchedule.of(40, 0.004, 65, 0.0), 1.3, 1.2,
            ClinicalCode.icd10("E66.9", "Obesity, unspecified"), null, 0.3, 0.0, List.of()),
    DEPRESSION("depression", 0.08, AgeSchedule.of(40, 0.003), 2.2, 1.2,
            ClinicalCode.icd10("F32.9", "Major depressive disorder, single episode, unspecified"), null, 0.45, 0.6,
            List.of(Drugs.SERTRALINE, Drugs.CITALOPRAM)),
    HEARING_LOSS("hearing loss", 0.03, AgeSchedule.of(40, 0.005, 50, 0.015, 65, 0.04, 75, 0.06), 1.37, 1.0,
            ClinicalCode.icd10("H91.90", "Unspecified hearing loss, unspecified ear"), null, 0.08, 0.0, List.of()),
    VISION_LOSS("untreated vision loss", 0.01, AgeSchedule.of(40, 0.001, 50, 0.002, 65, 0.004, 75, 0.008), 1.47,
            1.0, ClinicalCode.icd10("H54.7", "Unspecified visual loss"), null, 0.1, 0.0, List.of()),
    TRAUMATIC_BRAIN_INJURY("traumatic brain injury", 0.06, AgeSchedule.of(40, 0.002, 75, 0.006), 1.7, 1.0,
            ClinicalCode.icd10("Z87.820", "Personal history of traumatic brain injury"),
            ClinicalCode.icd10("S06.0X0A", "Concussion without loss of consciousness, initial encounter"), 0.05, 0.0,
            List.of()),
    SMOKING("smoking", 0.20, AgeSchedule.none(), 1.3, 2.0,
            ClinicalCode.icd10("F17.210", "Nicotine dependence, cigarettes, uncomplicated"), null, 0.3, 0.2,
            List.of(Drugs.NICOTINE)),
    ALCOHOL_MISUSE("excessive alcohol", 0.05, AgeSchedule.none(), 1.2, 1.6,
            ClinicalCode.icd10("F10.10", "Alcohol abuse, uncomplicated"), null, 0.25, 0.1, List.of(Drugs.NALTREXONE)),
    PHYSICAL_INACTIVITY("physical inactivity", 0.30, AgeSchedule.none(), 1.17, 1.0,
            ClinicalCode.icd10("Z72.3", "Lack of physical exercise"), null, 0.02, 0.0, List.of()),
    SOCIAL_ISOLATION("social isolation", 0.24, AgeSchedule.none(), 1.6, 1.0,
            ClinicalCode.icd10("Z60.2", "Problems related to living alone"), null, 0.02, 0.0, List.of()),
    LESS_EDUCATION("less education", 0.12, AgeSchedule.none(), 1.6, 1.0, null, null, 0.0, 0.0, List.of()),
    AIR_POLLUTION("air pollution", 0.20, AgeSchedule.none(), 1.1, 1.0, null, null, 0.0, 0.0, List.of()),

    // Further factors (sources in docs/cohort.md).
    STROKE("stroke", 0.0, AgeSchedule.of(40, 0.0005, 50, 0.0015, 65, 0.003, 75, 0.005), 2.0, 1.8,
            ClinicalCode.icd10("Z86.73",
                    "Personal history of transient ischemic attack, and cerebral infarction without residual deficits"),
            ClinicalCode.icd10("I63.9", "Cerebral infarction, unspecified"), 0.3, 0.0, List.of()),
    ATRIAL_FIBRILLATION("atrial fibrillation", 0.0, AgeSchedule.of(40, 0.0005, 50, 0.002, 65, 0.005, 75, 0.008),
            1.4, 1.5, ClinicalCode.icd10("I48.91", "Unspecified atrial fibrillation"), null, 0.6, 0.8,
            List.of(Drugs.APIXABAN, Drugs.WARFARIN)),
    CHRONIC_KIDNEY_DISEASE("chronic kidney disease", 0.0, AgeSchedule.of(40, 0.002, 50, 0.006, 65, 0.015, 75, 0.03),
            1.3, 1.6, ClinicalCode.icd10("N18.30", "Chronic kidney disease, stage 3 unspecified"), null, 0.35, 0.0,
            List.of()),
    PARKINSONS_DISEASE("Parkinson's disease", 0.0,
            AgeSchedule.of(40, 0.00002, 50, 0.0001, 60, 0.0005, 70, 0.0012, 80, 0.002), 3.0, 1.8,
            ClinicalCode.icd10("G20", "Parkinson's disease"), null, 0.8, 0.95, List.of(Drugs.LEVODOPA)),
    APOE4_CARRIER("APOE e4 carrier", 0.25, AgeSchedule.none(), 2.5, 1.0, null, null, 0.0, 0.0, List.of());

    /** The age from which the generator follows every life course. */
    public static final double FOLLOW_FROM_AGE = 40;

    private final String label;
    private final double prevalenceAtFollowStart;
    private final AgeSchedule onsetRate;
    private final double dementiaRelativeRisk;
    private final double mortalityHazardRatio;
    private final ClinicalCode code;
    private final ClinicalCode acuteCode;
    private final double codeProbabilityPerVisit;
    private final double treatmentProbability;
    private final List<ClinicalCode> treatments;

    RiskFactor(String label, double prevalenceAtFollowStart, AgeSchedule onsetRate, double dementiaRelativeRisk,
               double mortalityHazardRatio, ClinicalCode code, ClinicalCode acuteCode, double codeProbabilityPerVisit,
               double treatmentProbability, List<ClinicalCode> treatments) {
        this.label = label;
        this.prevalenceAtFollowStart = prevalenceAtFollowStart;
        this.onsetRate = onsetRate;
        this.dementiaRelativeRisk = dementiaRelativeRisk;
        this.mortalityHazardRatio = mortalityHazardRatio;
        this.code = code;
        this.acuteCode = acuteCode;
        this.codeProbabilityPerVisit = codeProbabilityPerVisit;
        this.treatmentProbability = treatmentProbability;
        this.treatments = treatments;
    }

    public String label() {
        return label;
    }

    /** Share of people who have the factor at age 40, when the simulation starts following them. */
    public double prevalenceAtFollowStart() {
        return prevalenceAtFollowStart;
    }

    /** Onset rate per person-year among those without the factor. */
    public AgeSchedule onsetRate() {
        return onsetRate;
    }

    /** Multiplier of the ADRD hazard while the factor is present. */
    public double dementiaRelativeRisk() {
        return dementiaRelativeRisk;
    }

    /** Multiplier of mortality while the factor is present. */
    public double mortalityHazardRatio() {
        return mortalityHazardRatio;
    }

    /** The code a clinic records at later visits; null for a latent factor that records never show. */
    public ClinicalCode code() {
        return code;
    }

    /** For acute events (stroke, brain injury): the code of the emergency visit at onset; else null. */
    public ClinicalCode acuteCode() {
        return acuteCode;
    }

    public boolean isLatent() {
        return code == null;
    }

    /** Chance that an outpatient visit codes the factor when present (missed codes are the rest). */
    public double codeProbabilityPerVisit() {
        return codeProbabilityPerVisit;
    }

    /** Chance that a patient with the coded factor is treated with one of {@link #treatments()}. */
    public double treatmentProbability() {
        return treatmentProbability;
    }

    public List<ClinicalCode> treatments() {
        return treatments;
    }

    /** Probability of having the factor at {@code age}, ignoring selection by death. */
    public double prevalenceAt(double age) {
        double absent = (1 - prevalenceAtFollowStart) * Math.exp(-onsetRate.cumulative(FOLLOW_FROM_AGE, age));
        return 1 - absent;
    }
}
