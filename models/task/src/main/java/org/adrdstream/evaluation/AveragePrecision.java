package org.adrdstream.evaluation;

import java.util.Arrays;

/**
 * Area under the precision-recall curve as average precision: the mean, over the positives, of the precision
 * at each positive's threshold (scikit-learn's {@code average_precision_score}); tied scores form one
 * threshold, so their order does not matter.
 */
public final class AveragePrecision {

    private AveragePrecision() {
    }

    /** @param scores one score per example, higher meaning more likely positive; {@code positive[i]} its label */
    public static double of(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        long truePositives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            long tiedPositives = positive[order[i]] ? 1 : 0;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
                tiedPositives += positive[order[j]] ? 1 : 0;
            }
            truePositives += tiedPositives;
            double precision = truePositives / (double) (j + 1);
            sum += tiedPositives * precision; // recall rises by tiedPositives / positives at this threshold
            i = j + 1;
        }
        return sum / positives;
    }
}
