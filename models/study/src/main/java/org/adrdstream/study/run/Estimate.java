package org.adrdstream.study.run;

import org.adrdstream.evaluation.Bootstrap;

/**
 * A metric on the test set with its patient-level bootstrap 95 % interval ({@code low}/{@code high} are
 * {@code null} for metrics reported without one).
 *
 * @param value the metric on the whole test set
 * @param low   2.5th percentile over resamples
 * @param high  97.5th percentile
 */
public record Estimate(double value, Double low, Double high) {

    public static Estimate of(Bootstrap.Interval interval) {
        return new Estimate(interval.estimate(), interval.low(), interval.high());
    }

    public static Estimate point(double value) {
        return new Estimate(value, null, null);
    }
}
