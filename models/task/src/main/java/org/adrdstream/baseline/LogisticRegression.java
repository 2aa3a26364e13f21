package org.adrdstream.baseline;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares) with a
 * Cholesky solve; the intercept is not penalised. Fine for the few hundred features of the code-count
 * baseline: each iteration costs n·d² for the Hessian.
 */
public final class LogisticRegression {

    private static final int MAX_ITERATIONS = 50;

    private final double[] weights; // [intercept, w1..wd]

    private LogisticRegression(double[] weights) {
        this.weights = weights;
    }

    /** Fits {@code y ~ x} with penalty {@code lambda * |w|^2 / 2}. */
    public static LogisticRegression fit(double[][] x, boolean[] y, double lambda) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[] w = new double[d + 1];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(dot(w, x[i]));
                double error = p - (y[i] ? 1 : 0);
                double weight = Math.max(p * (1 - p), 1e-10);
                gradient[0] += error;
                hessian[0][0] += weight;
                for (int a = 0; a < d; a++) {
                    double xa = x[i][a];
                    if (xa == 0) {
                        continue;
                    }
                    gradient[a + 1] += error * xa;
                    hessian[0][a + 1] += weight * xa;
                    for (int b = a; b < d; b++) {
                        hessian[a + 1][b + 1] += weight * xa * x[i][b];
                    }
                }
            }
            for (int a = 1; a <= d; a++) {
                gradient[a] += lambda * w[a];
                hessian[a][a] += lambda;
                for (int b = 0; b < a; b++) {
                    hessian[a][b] = hessian[b][a];
                }
            }
            double[] step = Cholesky.solve(hessian, gradient);
            double change = 0;
            for (int a = 0; a <= d; a++) {
                w[a] -= step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-8) {
                break;
            }
        }
        return new LogisticRegression(w);
    }

    /** Predicted probability of the positive class. */
    public double probability(double[] features) {
        return sigmoid(dot(weights, features));
    }

    public double[] probabilities(double[][] x) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = probability(x[i]);
        }
        return p;
    }

    /** Coefficient of feature {@code index} (0-based, intercept excluded). */
    public double coefficient(int index) {
        return weights[index + 1];
    }

    public double intercept() {
        return weights[0];
    }

    private static double dot(double[] w, double[] features) {
        double z = w[0];
        for (int a = 0; a < features.length; a++) {
            z += w[a + 1] * features[a];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
