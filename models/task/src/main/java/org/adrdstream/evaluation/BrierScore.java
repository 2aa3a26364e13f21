package org.adrdstream.evaluation;

/** Mean squared difference between predicted probabilities and outcomes (0 is perfect; lower is better). */
public final class BrierScore {

    private BrierScore() {
    }

    /** @param probabilities one per example; {@code positive[i]} its outcome */
    public static double of(double[] probabilities, boolean[] positive) {
        if (probabilities.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double error = probabilities[i] - (positive[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / probabilities.length;
    }
}
