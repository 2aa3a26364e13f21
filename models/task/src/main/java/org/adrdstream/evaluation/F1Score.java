package org.adrdstream.evaluation;

import java.util.Arrays;

/**
 * F1 of the decision "score ≥ threshold", and the threshold that maximises it on a given set (chosen on the
 * validation examples, then applied unchanged to the test examples).
 */
public final class F1Score {

    private F1Score() {
    }

    public static double at(double[] scores, boolean[] positive, double threshold) {
        int truePositives = 0;
        int predicted = 0;
        int actual = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean flagged = scores[i] >= threshold;
            predicted += flagged ? 1 : 0;
            actual += positive[i] ? 1 : 0;
            truePositives += flagged && positive[i] ? 1 : 0;
        }
        return predicted + actual == 0 ? Double.NaN : 2.0 * truePositives / (predicted + actual);
    }

    /** The score threshold with the highest F1 on these examples (the highest such threshold on ties). */
    public static double bestThreshold(double[] scores, boolean[] positive) {
        double[] candidates = Arrays.stream(scores).distinct().sorted().toArray();
        double best = Double.POSITIVE_INFINITY;
        double bestF1 = -1;
        for (double candidate : candidates) {
            double f1 = at(scores, positive, candidate);
            if (f1 >= bestF1) {
                bestF1 = f1;
                best = candidate;
            }
        }
        return best;
    }
}
