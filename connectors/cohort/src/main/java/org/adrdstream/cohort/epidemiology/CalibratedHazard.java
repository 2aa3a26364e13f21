package org.adrdstream.cohort.epidemiology;

import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A proportional-hazards model whose population average matches a published table: the baseline at age
 * {@code a} is {@code target(a) / E[multiplier(a)]}. A first estimate of the expectation treats the factors as
 * independent and ignores who has died ({@link #dementia()}, {@link #mortality()}); {@link #refined} replaces
 * it with the mean measured among the living of a reference population, because deaths deplete the
 * factors that raise mortality. A person's hazard is the baseline times the product of the multipliers of
 * the factors they have.
 */
public final class CalibratedHazard {

    private static final int MAX_AGE = 110;

    private final double[] baselineByAge = new double[MAX_AGE + 1];
    private final ToDoubleFunction<RiskFactor> multiplier;

    /**
     * @param target     the population rate per person-year the model must reproduce
     * @param multiplier each factor's hazard multiplier (1 for a factor that does not act)
     */
    public CalibratedHazard(AgeSchedule target, ToDoubleFunction<RiskFactor> multiplier) {
        this(target, multiplier, independentFactorsMean(multiplier));
    }

    private CalibratedHazard(AgeSchedule target, ToDoubleFunction<RiskFactor> multiplier, double[] meanByAge) {
        this.multiplier = multiplier;
        for (int age = 0; age <= MAX_AGE; age++) {
            baselineByAge[age] = target.rate(age + 0.5) / meanByAge[age];
        }
    }

    /**
     * The same model recalibrated to measured mean multipliers by whole year of age. Ages with no measurement
     * (NaN: too few people that old) scale the independent-factors estimate by the ratio measured at the
     * oldest measured age.
     */
    public CalibratedHazard refined(AgeSchedule target, double[] measuredMeanByAge) {
        double[] mean = independentFactorsMean(multiplier);
        double ratio = 1;
        for (int age = 0; age <= MAX_AGE; age++) {
            double measured = age < measuredMeanByAge.length ? measuredMeanByAge[age] : Double.NaN;
            if (!Double.isNaN(measured)) {
                ratio = measured / mean[age];
            }
            mean[age] *= Double.isNaN(measured) ? ratio : measured / mean[age];
        }
        return new CalibratedHazard(target, multiplier, mean);
    }

    private static double[] independentFactorsMean(ToDoubleFunction<RiskFactor> multiplier) {
        double[] mean = new double[MAX_AGE + 1];
        for (int age = 0; age <= MAX_AGE; age++) {
            double expected = 1;
            for (RiskFactor factor : RiskFactor.values()) {
                double p = factor.prevalenceAt(age + 0.5);
                expected *= 1 + p * (multiplier.applyAsDouble(factor) - 1);
            }
            mean[age] = expected;
        }
        return mean;
    }

    public static int maxAge() {
        return MAX_AGE;
    }

    /** ADRD onset: the published incidence, spread over the factors by their relative risks. */
    public static CalibratedHazard dementia() {
        return new CalibratedHazard(PublishedRates.DEMENTIA_INCIDENCE, RiskFactor::dementiaRelativeRisk);
    }

    /** Death without dementia: the published mortality, spread over the factors by their hazard ratios. */
    public static CalibratedHazard mortality() {
        return new CalibratedHazard(PublishedRates.MORTALITY, RiskFactor::mortalityHazardRatio);
    }

    public double baseline(double age) {
        int index = (int) Math.max(0, Math.min(MAX_AGE, Math.floor(age)));
        return baselineByAge[index];
    }

    /** Product of the multipliers of the factors present. */
    public double multiplier(Set<RiskFactor> present) {
        double product = 1;
        for (RiskFactor factor : present) {
            product *= multiplier.applyAsDouble(factor);
        }
        return product;
    }

    /** The hazard per person-year at {@code age} for someone with exactly the factors {@code present}. */
    public double rate(double age, Set<RiskFactor> present) {
        return baseline(age) * multiplier(present);
    }
}
