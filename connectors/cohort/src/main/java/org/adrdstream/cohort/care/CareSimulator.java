package org.adrdstream.cohort.care;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.life.LifeCourse;
import org.adrdstream.contract.EventKind;
import org.adrdstream.pseudonym.Pseudonymiser;

/**
 * Turns a life course into what the health system records while the patient is enrolled. Visits follow a
 * Poisson process month by month whose rates rise with age, with the number of known conditions and in the
 * years around a dementia diagnosis; acute events (stroke, brain injury) bring the patient to the emergency
 * department on the day they happen; the diagnosing visit happens on the day the diagnosis is due.
 */
public final class CareSimulator {

    private final IdentityFactory identities;

    public CareSimulator(CohortSettings settings, Pseudonymiser pseudonymiser) {
        this.identities = new IdentityFactory(settings.feed(), pseudonymiser);
    }

    public PatientRecord record(LifeCourse life, SplittableRandom random) {
        PatientIdentity identity = identities.identity(life.index(), life.sex(), random);
        FactLog log = new FactLog(life.index(), random);
        CarePlan plan = CarePlan.draw(life, random);
        VisitRecorder visits = new VisitRecorder(life, plan, log, random);

        log.add(EventKind.DEMOGRAPHICS, morning(life.enrolmentStart()), null, null, null, null, null, null, Duration.ZERO);
        log.add(EventKind.ENROLLMENT, morning(life.enrolmentStart()), endOfDay(life.enrolmentEnd()), null, null, null,
                null, null, Duration.ZERO);
        LocalDate diagnosisFrom = life.recordedDiagnosisFrom().orElse(null);
        for (LocalDate month = life.enrolmentStart(); !month.isAfter(life.enrolmentEnd()); month = month.plusMonths(1)) {
            recordMonth(life, plan, visits, month, diagnosisFrom, random);
        }
        if (life.death() != null && !life.death().isAfter(life.enrolmentEnd())) {
            log.add(EventKind.DEATH, noon(life.death()), null, null, null, null, null, null, Duration.ofDays(1));
        }
        return new PatientRecord(life, identity, log.inTimeOrder());
    }

    private void recordMonth(LifeCourse life, CarePlan plan, VisitRecorder visits, LocalDate month,
                             LocalDate diagnosisFrom, SplittableRandom random) {
        LocalDate monthEnd = earliest(month.plusMonths(1).minusDays(1), life.enrolmentEnd());
        int days = (int) (monthEnd.toEpochDay() - month.toEpochDay()) + 1;
        for (RiskFactor acute : new RiskFactor[] {RiskFactor.STROKE, RiskFactor.TRAUMATIC_BRAIN_INJURY}) {
            LocalDate onset = life.factorOnsets().get(acute);
            if (onset != null && !onset.isBefore(month) && !onset.isAfter(monthEnd)) {
                visits.visit(onset, EncounterClass.EMERGENCY, false, acute);
                if (acute == RiskFactor.STROKE && random.nextDouble() < 0.8) {
                    visits.visit(onset, EncounterClass.INPATIENT, false, acute);
                }
            }
        }
        if (diagnosisFrom != null && !diagnosisFrom.isBefore(month) && !diagnosisFrom.isAfter(monthEnd)) {
            visits.visit(diagnosisFrom, EncounterClass.OUTPATIENT, true, null);
        }
        double age = life.ageAt(month);
        long knownConditions = life.factorsAt(month).stream().filter(f -> !f.isLatent()).count();
        boolean cognitiveDecline = plan.inProdrome(month, diagnosisFrom)
                || diagnosisFrom != null && !month.isBefore(diagnosisFrom);
        double outpatientPerYear = (1.5 + 0.35 * knownConditions + 0.05 * Math.max(0, age - 60)) * (cognitiveDecline ? 1.4 : 1);
        double emergencyPerYear = 0.12 + 0.04 * knownConditions + (cognitiveDecline ? 0.15 : 0);
        double inpatientPerYear = 0.03 + 0.015 * knownConditions + 0.002 * Math.max(0, age - 65);
        double monthShare = days / 365.25;
        scheduleVisits(visits, month, days, EncounterClass.OUTPATIENT, outpatientPerYear * monthShare, random);
        scheduleVisits(visits, month, days, EncounterClass.EMERGENCY, emergencyPerYear * monthShare, random);
        scheduleVisits(visits, month, days, EncounterClass.INPATIENT, inpatientPerYear * monthShare, random);
    }

    private static void scheduleVisits(VisitRecorder visits, LocalDate month, int days, EncounterClass setting,
                                       double expected, SplittableRandom random) {
        int count = poisson(expected, random);
        for (int i = 0; i < count; i++) {
            visits.visit(month.plusDays(random.nextInt(days)), setting, false, null);
        }
    }

    private static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    private static java.time.Instant morning(LocalDate day) {
        return day.atTime(LocalTime.of(8, 0)).toInstant(ZoneOffset.UTC);
    }

    private static java.time.Instant noon(LocalDate day) {
        return day.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
    }

    private static java.time.Instant endOfDay(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
