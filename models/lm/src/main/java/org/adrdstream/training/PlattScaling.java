package org.adrdstream.training;

import org.adrdstream.modelpackage.ModelManifest.Calibration;

/**
 * Fits {@code p = sigmoid(a x + b)} to validation read-outs by Newton's method on the log-likelihood, with
 * Platt's smoothed targets ({@code (n+ + 1) / (n+ + 2)} and {@code 1 / (n- + 2)}) so a separable validation
 * set does not drive the slope to infinity.
 */
final class PlattScaling {

    private static final int ITERATIONS = 50;

    private PlattScaling() {
    }

    static Calibration fit(double[] x, boolean[] positive) {
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int negatives = positive.length - positives;
        if (positives == 0 || negatives == 0) {
            return Calibration.IDENTITY;
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double a = 1;
        double b = Math.log((positives + 1.0) / (negatives + 1.0));
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double gA = 0, gB = 0, hAA = 1e-9, hAB = 0, hBB = 1e-9;
            for (int i = 0; i < x.length; i++) {
                double p = 1 / (1 + Math.exp(-(a * x[i] + b)));
                double error = p - (positive[i] ? high : low);
                double w = p * (1 - p);
                gA += error * x[i];
                gB += error;
                hAA += w * x[i] * x[i];
                hAB += w * x[i];
                hBB += w;
            }
            double determinant = hAA * hBB - hAB * hAB;
            if (Math.abs(determinant) < 1e-12) {
                break;
            }
            double stepA = (hBB * gA - hAB * gB) / determinant;
            double stepB = (hAA * gB - hAB * gA) / determinant;
            a -= stepA;
            b -= stepB;
            if (Math.abs(stepA) + Math.abs(stepB) < 1e-9) {
                break;
            }
        }
        return new Calibration(a, b);
    }
}
