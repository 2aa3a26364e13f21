package org.adrdstream.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Patient-level bootstrap: resamples examples (one per patient, so patients) with replacement, seeded, and
 * reports the percentile 95 % interval of a metric, or of the difference between two models' metric on the
 * same resampled patients (paired). Resamples whose metric is undefined (e.g. no positive drawn) are skipped.
 */
public final class Bootstrap {

    private final int resamples;
    private final long seed;

    public Bootstrap(int resamples, long seed) {
        if (resamples < 100) {
            throw new IllegalArgumentException("use at least 100 resamples, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    /** Point estimate and 95 % interval of {@code metric(scores, positive)}. */
    public Interval interval(double[] scores, boolean[] positive, ToDoubleBiFunction<double[], boolean[]> metric) {
        return paired(scores, null, positive, (a, b, labels) -> metric.applyAsDouble(a, labels));
    }

    /** Point estimate and 95 % interval of {@code metric(a) − metric(b)} over the same resampled patients. */
    public Interval difference(double[] a, double[] b, boolean[] positive, ToDoubleBiFunction<double[], boolean[]> metric) {
        return paired(a, b, positive, (x, y, labels) -> metric.applyAsDouble(x, labels) - metric.applyAsDouble(y, labels));
    }

    private Interval paired(double[] a, double[] b, boolean[] positive, PairMetric metric) {
        double estimate = metric.apply(a, b, positive);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        int n = positive.length;
        double[] sampleA = new double[n];
        double[] sampleB = b == null ? null : new double[n];
        boolean[] labels = new boolean[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                sampleA[i] = a[pick];
                if (sampleB != null) {
                    sampleB[i] = b[pick];
                }
                labels[i] = positive[pick];
            }
            double value = metric.apply(sampleA, sampleB, labels);
            if (Double.isFinite(value)) {
                values[kept++] = value;
            }
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        return new Interval(estimate, quantile(sorted, 0.025), quantile(sorted, 0.975), kept);
    }

    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    @FunctionalInterface
    private interface PairMetric {
        double apply(double[] a, double[] b, boolean[] positive);
    }

    /**
     * A metric with its bootstrap interval.
     *
     * @param estimate  the metric on the full sample
     * @param low       2.5th percentile of the resampled metric
     * @param high      97.5th percentile
     * @param resamples resamples with a defined metric
     */
    public record Interval(double estimate, double low, double high, int resamples) {
    }
}
