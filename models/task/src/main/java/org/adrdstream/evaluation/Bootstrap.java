package org.adrdstream.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    public int resamples() {
        return resamples;
    }

    /** Point estimate and 95 % interval of {@code metric(scores, positive)}. */
    public Interval interval(double[] scores, boolean[] positive, ToDoubleBiFunction<double[], boolean[]> metric) {
        return joint(List.of(scores), positive, (sets, labels) -> metric.applyAsDouble(sets.get(0), labels));
    }

    /** Point estimate and 95 % interval of {@code metric(a) − metric(b)} over the same resampled patients. */
    public Interval difference(double[] a, double[] b, boolean[] positive, ToDoubleBiFunction<double[], boolean[]> metric) {
        return joint(List.of(a, b), positive,
                (sets, labels) -> metric.applyAsDouble(sets.get(0), labels) - metric.applyAsDouble(sets.get(1), labels));
    }

    /**
     * Point estimate and 95 % interval of a statistic of several models' scores for the same patients (e.g. the
     * mean AUROC of several configurations, or a mean paired difference): every resample draws one set of
     * patients and applies it to every score set, so the interval keeps the pairing.
     */
    public Interval joint(List<double[]> scoreSets, boolean[] positive,
                          ToDoubleBiFunction<List<double[]>, boolean[]> statistic) {
        int n = positive.length;
        for (double[] scores : scoreSets) {
            if (scores.length != n) {
                throw new IllegalArgumentException("every score set needs one score per patient (" + n + "), got " + scores.length);
            }
        }
        double estimate = statistic.applyAsDouble(scoreSets, positive);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        List<double[]> samples = new ArrayList<>();
        scoreSets.forEach(scores -> samples.add(new double[n]));
        boolean[] labels = new boolean[n];
        int[] picks = new int[n];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                picks[i] = random.nextInt(n);
                labels[i] = positive[picks[i]];
            }
            for (int s = 0; s < scoreSets.size(); s++) {
                double[] from = scoreSets.get(s);
                double[] to = samples.get(s);
                for (int i = 0; i < n; i++) {
                    to[i] = from[picks[i]];
                }
            }
            double value = statistic.applyAsDouble(samples, labels);
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
