package org.adrdstream.cohort.life;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.epidemiology.CalibratedHazard;
import org.adrdstream.cohort.epidemiology.PublishedRates;
import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.vocabulary.AdrdDiagnosis;
import org.adrdstream.contract.Sex;

/**
 * Simulates a life course month by month from age 40 to the end of the calendar window: factor onsets at
 * their age-specific rates, ADRD onset at the calibrated hazard times the factors present, death at the
 * calibrated mortality. Only people alive and at least 50 when they join the health system are kept; a
 * rejected draw is redrawn from the same patient's random stream, so patient k never depends on the others.
 * The hazards are calibrated once per window on a fixed reference population (see {@link CalibratedHazard}).
 */
public final class LifeCourseSimulator {

    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1920, 1, 1);
    static final LocalDate LATEST_BIRTH = LocalDate.of(1965, 12, 31);
    static final double SHARE_FEMALE = 0.53;
    static final int MINIMUM_ENROLMENT_AGE = 50;
    /** Share of the cohort already in the health system when the records begin. */
    static final double SHARE_ENROLLED_AT_START = 0.4;
    /** Yearly rate of leaving the health system (moving, changing insurer): loss to follow-up. */
    static final double LOSS_TO_FOLLOW_UP_PER_YEAR = 0.05;
    /** Mean time from dementia onset to a clinical diagnosis, in years. */
    static final double MEAN_DIAGNOSIS_DELAY_YEARS = 2.0;

    /** Size and seed of the reference population the hazards are calibrated on (independent of any cohort). */
    static final int REFERENCE_POPULATION = 4_000;
    static final long REFERENCE_SEED = 20_240_731L;

    private final CohortSettings settings;
    private CalibratedHazard dementia = CalibratedHazard.dementia();
    private CalibratedHazard mortality = CalibratedHazard.mortality();

    public LifeCourseSimulator(CohortSettings settings) {
        this.settings = settings;
        calibrate();
    }

    public CalibratedHazard dementiaHazard() {
        return dementia;
    }

    /**
     * Measures the mean hazard multipliers among the living and dementia-free of a reference population, by
     * year of age, and rescales both baselines so that the population rates match the published tables.
     */
    private void calibrate() {
        int ages = CalibratedHazard.maxAge() + 1;
        double[] dementiaSum = new double[ages];
        double[] mortalitySum = new double[ages];
        long[] months = new long[ages];
        SplittableRandom random = new SplittableRandom(REFERENCE_SEED);
        for (int i = 0; i < REFERENCE_POPULATION; i++) {
            LocalDate birth = drawBirth(random);
            Sex sex = drawSex(random);
            follow(birth, sex, random, (age, present, demented, sexFactor) -> {
                int year = Math.min(ages - 1, (int) age);
                if (!demented) {
                    dementiaSum[year] += dementia.multiplier(present);
                    mortalitySum[year] += mortality.multiplier(present) * sexFactor;
                    months[year]++;
                }
            });
        }
        double[] dementiaMean = new double[ages];
        double[] mortalityMean = new double[ages];
        for (int year = 0; year < ages; year++) {
            boolean measured = months[year] >= 12 * 50; // at least 50 person-years
            dementiaMean[year] = measured ? dementiaSum[year] / months[year] : Double.NaN;
            mortalityMean[year] = measured ? mortalitySum[year] / months[year] : Double.NaN;
        }
        dementia = dementia.refined(PublishedRates.DEMENTIA_INCIDENCE, dementiaMean);
        mortality = mortality.refined(PublishedRates.MORTALITY, mortalityMean);
    }

    /** Patient {@code index}'s life course, drawn from {@code random} (the patient's own stream). */
    public LifeCourse simulate(int index, SplittableRandom random) {
        while (true) {
            LifeCourse candidate = draw(index, random);
            if (candidate != null) {
                return candidate;
            }
        }
    }

    private LifeCourse draw(int index, SplittableRandom random) {
        LocalDate birth = drawBirth(random);
        Sex sex = drawSex(random);
        LocalDate enrolmentStart = drawEnrolmentStart(birth, random);
        if (enrolmentStart == null) {
            return null;
        }
        Trajectory life = follow(birth, sex, random, null);
        if (life.death != null && !life.death.isAfter(enrolmentStart)) {
            return null;
        }
        LocalDate leaves = enrolmentStart.plusDays((long) (365.25 * exponential(random, 1 / LOSS_TO_FOLLOW_UP_PER_YEAR)));
        LocalDate enrolmentEnd = earliest(leaves, life.death, settings.windowEnd());
        LocalDate diagnosisDue = null;
        if (life.adrdOnset != null) {
            LocalDate due = life.adrdOnset.plusDays((long) (365.25 * exponential(random, MEAN_DIAGNOSIS_DELAY_YEARS)));
            diagnosisDue = life.death == null || due.isBefore(life.death) ? due : null;
        }
        AdrdDiagnosis subtype = life.factors.containsKey(RiskFactor.PARKINSONS_DISEASE) && random.nextDouble() < 0.6
                ? AdrdDiagnosis.IN_OTHER_DISEASES : AdrdDiagnosis.forDraw(random.nextDouble());
        return new LifeCourse(index, birth, sex, life.factors, life.adrdOnset, diagnosisDue, subtype,
                enrolmentStart, enrolmentEnd, life.death);
    }

    private static LocalDate drawBirth(SplittableRandom random) {
        return EARLIEST_BIRTH.plusDays(random.nextLong(LATEST_BIRTH.toEpochDay() - EARLIEST_BIRTH.toEpochDay() + 1));
    }

    private static Sex drawSex(SplittableRandom random) {
        return random.nextDouble() < SHARE_FEMALE ? Sex.FEMALE : Sex.MALE;
    }

    private LocalDate drawEnrolmentStart(LocalDate birth, SplittableRandom random) {
        LocalDate start = settings.windowStart();
        if (random.nextDouble() >= SHARE_ENROLLED_AT_START) {
            long span = settings.windowEnd().minusYears(1).toEpochDay() - start.toEpochDay();
            start = start.plusDays(random.nextLong(span));
        }
        LocalDate oldEnough = birth.plusYears(MINIMUM_ENROLMENT_AGE);
        if (start.isBefore(oldEnough)) {
            start = oldEnough;
        }
        return start.isAfter(settings.windowEnd().minusYears(1)) ? null : start;
    }

    /** Month-by-month factor onsets, dementia onset and death from age 40 to the end of the window. */
    private Trajectory follow(LocalDate birth, Sex sex, SplittableRandom random, MonthObserver observer) {
        LocalDate followStart = birth.plusYears((long) RiskFactor.FOLLOW_FROM_AGE);
        Map<RiskFactor, LocalDate> onsets = new EnumMap<>(RiskFactor.class);
        Set<RiskFactor> present = EnumSet.noneOf(RiskFactor.class);
        for (RiskFactor factor : RiskFactor.values()) {
            if (random.nextDouble() < factor.prevalenceAtFollowStart()) {
                onsets.put(factor, followStart);
                present.add(factor);
            }
        }
        double sexFactor = sex == Sex.MALE ? PublishedRates.MALE_MORTALITY_FACTOR : PublishedRates.FEMALE_MORTALITY_FACTOR;
        LocalDate adrdOnset = null;
        for (LocalDate month = followStart; !month.isAfter(settings.windowEnd()); month = month.plusMonths(1)) {
            double age = RiskFactor.FOLLOW_FROM_AGE + (month.toEpochDay() - followStart.toEpochDay()) / 365.25;
            if (observer != null) {
                observer.month(age, present, adrdOnset != null, sexFactor);
            }
            for (RiskFactor factor : RiskFactor.values()) {
                if (!present.contains(factor) && happens(random, factor.onsetRate().rate(age))) {
                    onsets.put(factor, dayInMonth(month, random));
                    present.add(factor);
                }
            }
            if (adrdOnset == null && happens(random, dementia.rate(age, present))) {
                adrdOnset = dayInMonth(month, random);
            }
            double deathRate = mortality.rate(age, present) * sexFactor
                    * (adrdOnset != null ? PublishedRates.DEMENTIA_MORTALITY_FACTOR : 1);
            if (happens(random, deathRate)) {
                LocalDate death = dayInMonth(month, random);
                return new Trajectory(onsets, adrdOnset != null && adrdOnset.isAfter(death) ? null : adrdOnset, death);
            }
        }
        return new Trajectory(onsets, adrdOnset, null);
    }

    private static boolean happens(SplittableRandom random, double ratePerYear) {
        return random.nextDouble() < -Math.expm1(-ratePerYear / 12);
    }

    private static LocalDate dayInMonth(LocalDate month, SplittableRandom random) {
        return month.plusDays(random.nextInt(28));
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static LocalDate earliest(LocalDate a, LocalDate b, LocalDate c) {
        LocalDate min = a;
        if (b != null && b.isBefore(min)) {
            min = b;
        }
        return c.isBefore(min) ? c : min;
    }

    /** Sees each simulated month before its events are drawn (the calibration's measurements). */
    private interface MonthObserver {
        void month(double age, Set<RiskFactor> present, boolean demented, double sexFactor);
    }

    private record Trajectory(Map<RiskFactor, LocalDate> factors, LocalDate adrdOnset, LocalDate death) {
    }
}
