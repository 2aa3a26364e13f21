package org.adrdstream.evaluation;

/**
 * Expected calibration error: predictions binned into {@code bins} equal-width probability bins; the mean over
 * examples of |mean predicted − observed rate| of their bin.
 */
public final class CalibrationError {

    private CalibrationError() {
    }

    public static double expected(double[] probabilities, boolean[] positive, int bins) {
        if (probabilities.length == 0) {
            return Double.NaN;
        }
        double[] predicted = new double[bins];
        double[] observed = new double[bins];
        int[] counts = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(bins - 1, (int) (probabilities[i] * bins));
            predicted[bin] += probabilities[i];
            observed[bin] += positive[i] ? 1 : 0;
            counts[bin]++;
        }
        double error = 0;
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                error += Math.abs(predicted[b] - observed[b]);
            }
        }
        return error / probabilities.length;
    }
}
