package org.adrdstream.cohort.care;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.life.LifeCourse;
import org.adrdstream.cohort.vocabulary.AdrdDiagnosis;
import org.adrdstream.cohort.vocabulary.CareCodes;
import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.cohort.vocabulary.Measurements;
import org.adrdstream.contract.EventKind;

/**
 * What one encounter records: the encounter itself, the conditions a clinician codes (some are missed), refills,
 * vital signs and labs whose values follow the patient's conditions, prodromal signs before a dementia
 * diagnosis, and the diagnosis, cognitive scores and anti-dementia drugs after it.
 */
final class VisitRecorder {

    private final LifeCourse life;
    private final CarePlan plan;
    private final FactLog log;
    private final SplittableRandom random;
    private final Set<RiskFactor> everCoded = EnumSet.noneOf(RiskFactor.class);

    VisitRecorder(LifeCourse life, CarePlan plan, FactLog log, SplittableRandom random) {
        this.life = life;
        this.plan = plan;
        this.log = log;
        this.random = random;
    }

    /** Records an encounter of {@code setting} on {@code day}; {@code diagnosing} forces the ADRD diagnosis. */
    void visit(LocalDate day, EncounterClass setting, boolean diagnosing, RiskFactor acuteOnset) {
        Instant start = startTime(day, setting);
        Instant end = start.plus(switch (setting) {
            case OUTPATIENT -> Duration.ofMinutes(20 + random.nextInt(40));
            case EMERGENCY -> Duration.ofHours(2 + random.nextInt(8));
            case INPATIENT -> Duration.ofDays(1 + random.nextInt(7));
        });
        String encounter = log.add(EventKind.ENCOUNTER, start, end, setting.code(), null, null, null, setting,
                Duration.ofMinutes(random.nextInt(120))).recordId();
        Instant coded = start.plus(Duration.ofMinutes(10));
        if (acuteOnset != null) {
            diagnose(acuteOnset.acuteCode(), coded, encounter);
            if (random.nextDouble() < 0.9) {
                log.add(EventKind.PROCEDURE, coded, null, CareCodes.CT_HEAD, null, null, encounter, null, hours(1));
            }
        }
        codeConditions(day, setting, coded, encounter);
        if (setting == EncounterClass.OUTPATIENT) {
            prescribe(coded, encounter);
            measureVitals(day, coded, encounter);
            orderLabs(day, coded, encounter);
        } else if (setting == EncounterClass.EMERGENCY) {
            emergencyWorkup(day, coded, encounter);
        }
        cognition(day, setting, diagnosing, coded, encounter);
    }

    private void codeConditions(LocalDate day, EncounterClass setting, Instant at, String encounter) {
        double settingFactor = switch (setting) {
            case OUTPATIENT -> 1.0;
            case EMERGENCY -> 0.4;
            case INPATIENT -> 1.3;
        };
        for (RiskFactor factor : life.factorsAt(day)) {
            if (!factor.isLatent() && random.nextDouble() < factor.codeProbabilityPerVisit() * settingFactor) {
                diagnose(factor.code(), at, encounter);
                everCoded.add(factor);
            }
        }
    }

    private void prescribe(Instant at, String encounter) {
        plan.treatments().forEach((factor, drug) -> {
            if (everCoded.contains(factor) && random.nextDouble() < 0.5) {
                medicate(drug, at, encounter);
            }
        });
        if (plan.anticholinergic() != null && random.nextDouble() < 0.35) {
            medicate(plan.anticholinergic(), at, encounter);
        }
        if (plan.benzodiazepine() != null && random.nextDouble() < 0.35) {
            medicate(plan.benzodiazepine(), at, encounter);
        }
    }

    private void measureVitals(LocalDate day, Instant at, String encounter) {
        if (random.nextDouble() < 0.9) {
            double systolic = life.has(RiskFactor.HYPERTENSION, day) ? normal(142, 14) : normal(124, 12);
            measure(Measurements.SYSTOLIC_BP, Math.round(clamp(systolic, 85, 230)), at, encounter, Duration.ZERO);
        }
        if (random.nextDouble() < 0.5) {
            double bmi = life.has(RiskFactor.OBESITY, day) ? clamp(normal(34, 3.5), 30, 60) : clamp(normal(26, 2.5), 16, 29.9);
            measure(Measurements.BMI, Math.round(bmi * 10) / 10.0, at, encounter, Duration.ZERO);
        }
    }

    private void orderLabs(LocalDate day, Instant at, String encounter) {
        Duration resulted = hours(2 + random.nextInt(46));
        boolean diabetic = life.has(RiskFactor.DIABETES, day);
        if (random.nextDouble() < (diabetic ? 0.5 : 0.08)) {
            double a1c = diabetic ? clamp(normal(7.4, 1.1), 5.5, 14) : clamp(normal(5.5, 0.35), 4.3, 6.4);
            measure(Measurements.HBA1C, Math.round(a1c * 10) / 10.0, at, encounter, resulted);
        }
        boolean highLdl = life.has(RiskFactor.HIGH_LDL, day);
        if (random.nextDouble() < (highLdl ? 0.45 : 0.25)) {
            double ldl = highLdl && !plan.treatments().containsKey(RiskFactor.HIGH_LDL) ? normal(160, 30) : normal(105, 25);
            measure(Measurements.LDL, Math.round(clamp(ldl, 30, 300)), at, encounter, resulted);
        }
        boolean ckd = life.has(RiskFactor.CHRONIC_KIDNEY_DISEASE, day);
        if (random.nextDouble() < (ckd ? 0.5 : 0.25)) {
            double egfr = ckd ? normal(45, 8) : normal(82, 12);
            measure(Measurements.EGFR, Math.round(clamp(egfr, 8, 120)), at, encounter, resulted);
        }
        if (life.has(RiskFactor.ATRIAL_FIBRILLATION, day) && random.nextDouble() < 0.1) {
            log.add(EventKind.PROCEDURE, at, null, CareCodes.ECG, null, null, encounter, null, hours(1));
        }
        if (life.has(RiskFactor.HEARING_LOSS, day) && random.nextDouble() < 0.03) {
            log.add(EventKind.PROCEDURE, at, null, CareCodes.AUDIOMETRY, null, null, encounter, null, hours(1));
        }
    }

    /** Emergency visits: CT scans, and now and then a confused patient coded as demented and corrected later. */
    private void emergencyWorkup(LocalDate day, Instant at, String encounter) {
        if (random.nextDouble() < 0.15) {
            log.add(EventKind.PROCEDURE, at, null, CareCodes.CT_HEAD, null, null, encounter, null, hours(1));
        }
        if (random.nextDouble() < 0.02) {
            diagnose(CareCodes.DISORIENTATION, at, encounter);
            if (random.nextDouble() < 0.25 && !life.hasDementiaAt(day)) {
                log.addRetracted(EventKind.DIAGNOSIS, at, AdrdDiagnosis.UNSPECIFIED.code(), encounter, 10);
            }
        }
    }

    /** Prodromal signs before the diagnosis; diagnosis, scores and drugs after it. */
    private void cognition(LocalDate day, EncounterClass setting, boolean diagnosing, Instant at, String encounter) {
        LocalDate diagnosisFrom = life.recordedDiagnosisFrom().orElse(null);
        boolean outpatient = setting == EncounterClass.OUTPATIENT;
        if (plan.inProdrome(day, diagnosisFrom)) {
            recordProdrome(day, setting, at, encounter);
        } else if (outpatient && (diagnosisFrom == null || day.isBefore(diagnosisFrom))) {
            backgroundComplaints(day, at, encounter);
        }
        if (diagnosisFrom == null || day.isBefore(diagnosisFrom)) {
            return;
        }
        if (diagnosing || random.nextDouble() < (outpatient ? 0.75 : 0.5)) {
            diagnose(life.adrdDiagnosis().code(), at, encounter);
        }
        if (diagnosing) {
            log.add(EventKind.PROCEDURE, at, null, CareCodes.COGNITIVE_ASSESSMENT, null, null, encounter, null, hours(1));
        }
        if (outpatient && (diagnosing || random.nextDouble() < 0.3)) {
            double years = (day.toEpochDay() - life.adrdOnset().toEpochDay()) / 365.25;
            measure(Measurements.MMSE, Math.round(clamp(26 - 2.5 * years + normal(0, 2), 0, 30)), at, encounter, hours(1));
        }
        if (outpatient && plan.antiDementiaDrug() != null && (diagnosing || random.nextDouble() < 0.6)) {
            medicate(plan.antiDementiaDrug(), at, encounter);
        }
    }

    /**
     * Memory complaints and MCI codes also occur in people who never develop dementia (worried well, MCI that
     * does not progress), so that a prodromal code is a strong sign but not a certain one.
     */
    private void backgroundComplaints(LocalDate day, Instant at, String encounter) {
        if (life.ageAt(day) < 60) {
            return;
        }
        if (random.nextDouble() < 0.006) {
            diagnose(CareCodes.MEMORY_COMPLAINT, at, encounter);
        }
        if (random.nextDouble() < 0.002) {
            diagnose(CareCodes.MILD_COGNITIVE_IMPAIRMENT, at, encounter);
        }
    }

    private void recordProdrome(LocalDate day, EncounterClass setting, Instant at, String encounter) {
        if (setting == EncounterClass.EMERGENCY) {
            if (random.nextDouble() < 0.3) {
                diagnose(CareCodes.FALL, at, encounter);
            }
            return;
        }
        if (random.nextDouble() < 0.2) {
            diagnose(CareCodes.MEMORY_COMPLAINT, at, encounter);
        }
        LocalDate due = life.adrdDiagnosisDue();
        if (due != null && day.isAfter(due.minusYears(2)) && random.nextDouble() < 0.1) {
            diagnose(CareCodes.MILD_COGNITIVE_IMPAIRMENT, at, encounter);
        }
        if (random.nextDouble() < 0.06) {
            diagnose(CareCodes.ANXIETY, at, encounter);
        }
        if (random.nextDouble() < 0.06) {
            diagnose(CareCodes.NEW_DEPRESSION, at, encounter);
        }
        if (random.nextDouble() < 0.05) {
            diagnose(CareCodes.WEIGHT_LOSS, at, encounter);
        }
        if (random.nextDouble() < 0.08) {
            measure(Measurements.MOCA, Math.round(clamp(normal(23, 2.5), 10, 30)), at, encounter, hours(1));
        }
    }

    private void diagnose(ClinicalCode code, Instant at, String encounter) {
        log.add(EventKind.DIAGNOSIS, at, null, code, null, null, encounter, null, Duration.ofMinutes(30 + random.nextInt(90)));
    }

    private void medicate(ClinicalCode drug, Instant at, String encounter) {
        log.add(EventKind.MEDICATION, at, null, drug, null, null, encounter, null, Duration.ofMinutes(5));
    }

    private void measure(Measurements measurement, double value, Instant at, String encounter, Duration delay) {
        log.add(measurement.kind(), at, null, measurement.code(), measurement, value, encounter, null, delay);
    }

    private Instant startTime(LocalDate day, EncounterClass setting) {
        int minuteOfDay = setting == EncounterClass.EMERGENCY ? random.nextInt(24 * 60) : (8 * 60 + random.nextInt(9 * 60));
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(minuteOfDay));
    }

    private double normal(double mean, double sd) {
        // Box-Muller from the patient's own stream keeps generation deterministic.
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static Duration hours(int hours) {
        return Duration.ofHours(hours);
    }
}
