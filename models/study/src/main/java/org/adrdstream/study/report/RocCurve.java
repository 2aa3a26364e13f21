package org.adrdstream.study.report;

import java.util.Arrays;
import java.util.Comparator;

/** A ROC curve read at fixed false-positive rates (for averaging curves vertically). */
final class RocCurve {

    private RocCurve() {
    }

    /**
     * The true-positive rate at each false-positive rate of {@code grid}: the highest rate reached by a
     * threshold whose false-positive rate does not exceed it (tied scores move as one threshold).
     */
    static double[] truePositiveRates(double[] scores, boolean[] positive, double[] grid) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int negatives = scores.length - positives;
        double[] fpr = new double[scores.length + 1];
        double[] tpr = new double[scores.length + 1];
        int points = 1;
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (positive[order[k]]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k == order.length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) {
                fpr[points] = negatives == 0 ? 0 : fp / (double) negatives;
                tpr[points] = positives == 0 ? 0 : tp / (double) positives;
                points++;
            }
        }
        double[] rates = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            double best = 0;
            for (int p = 0; p < points && fpr[p] <= grid[g] + 1e-12; p++) {
                best = Math.max(best, tpr[p]);
            }
            rates[g] = best;
        }
        return rates;
    }
}
