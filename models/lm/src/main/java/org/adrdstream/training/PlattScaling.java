package org.adrdstream.training;

import org.adrdstream.modelpackage.ModelManifest.Calibration;

/**
 * Fits {@code p = sigmoid(a x + b)} to validation read-outs: Newton's method with backtracking on the
 * log-likelihood (after Lin, Lin and Weng's note on Platt scaling), with Platt's smoothed targets
 * ({@code (n+ + 1) / (n+ + 2)} and {@code 1 / (n- + 2)}) so a separable validation set cannot drive the slope
 * to infinity. The slope is kept at or above 0: calibration may flatten a read-out but never reverses it.
 */
public final class PlattScaling {

    private static final int ITERATIONS = 100;
    private static final double MIN_STEP = 1e-10;

    private PlattScaling() {
    }

    public static Calibration fit(double[] x, boolean[] positive) {
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        int negatives = positive.length - positives;
        if (positives == 0 || negatives == 0) {
            // No slope can be learned from one class: keep the ranking (slope 1) and move the mean read-out to
            // the smoothed base rate, so a tiny validation set without positives still gives usable risks.
            double mean = java.util.Arrays.stream(x).average().orElse(0);
            return new Calibration(1, Math.log((positives + 1.0) / (negatives + 1.0)) - mean);
        }
        double[] target = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            target[i] = positive[i] ? (positives + 1.0) / (positives + 2.0) : 1.0 / (negatives + 2.0);
        }
        double a = 0;
        double b = Math.log((positives + 1.0) / (negatives + 1.0));
        double loss = loss(x, target, a, b);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double gA = 0, gB = 0, hAA = 1e-12, hAB = 0, hBB = 1e-12;
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(a * x[i] + b);
                double w = p * (1 - p);
                gA += (p - target[i]) * x[i];
                gB += p - target[i];
                hAA += w * x[i] * x[i];
                hAB += w * x[i];
                hBB += w;
            }
            double determinant = hAA * hBB - hAB * hAB;
            double stepA = (hBB * gA - hAB * gB) / determinant;
            double stepB = (hAA * gB - hAB * gA) / determinant;
            double scale = 1;
            while (scale >= MIN_STEP && loss(x, target, a - scale * stepA, b - scale * stepB) > loss) {
                scale /= 2;
            }
            if (scale < MIN_STEP) {
                break;
            }
            a -= scale * stepA;
            b -= scale * stepB;
            double next = loss(x, target, a, b);
            if (loss - next < 1e-12 * Math.max(1, Math.abs(loss))) {
                loss = next;
                break;
            }
            loss = next;
        }
        if (a < 0) {
            // Monotone: a read-out that ranks the validation examples backwards is not turned around with their
            // labels; it gets the base rate (slope 0), and its own ranking keeps its own discrimination.
            double rate = 0;
            for (double t : target) {
                rate += t;
            }
            rate /= target.length;
            return new Calibration(0, Math.log(rate / (1 - rate)));
        }
        return new Calibration(a, b);
    }

    /** Negative log-likelihood, written to stay finite for large |a x + b|. */
    private static double loss(double[] x, double[] target, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // -[t log s(z) + (1 - t) log(1 - s(z))] = log(1 + e^z) - t z
            sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target[i] * z;
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
