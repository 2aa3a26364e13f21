package org.adrdstream.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void recoversThePlantedCoefficients() {
        Random random = new Random(9);
        int n = 20_000;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextGaussian();
            x[i][1] = random.nextGaussian();
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(-1.0 + 2.0 * x[i][0] - 0.5 * x[i][1])));
        }

        LogisticRegression model = LogisticRegression.fit(x, y, 1e-6);

        assertThat(model.intercept()).isCloseTo(-1.0, within(0.08));
        assertThat(model.coefficient(0)).isCloseTo(2.0, within(0.1));
        assertThat(model.coefficient(1)).isCloseTo(-0.5, within(0.06));
    }

    @Test
    void aLargePenaltyShrinksTheCoefficientsButNotTheIntercept() {
        double[][] x = {{1}, {2}, {3}, {4}, {5}, {6}};
        boolean[] y = {false, false, true, false, true, true};

        LogisticRegression loose = LogisticRegression.fit(x, y, 0.01);
        LogisticRegression tight = LogisticRegression.fit(x, y, 1_000);

        assertThat(Math.abs(tight.coefficient(0))).isLessThan(Math.abs(loose.coefficient(0)) / 10);
        assertThat(tight.probability(new double[] {3.5})).isCloseTo(0.5, within(0.05));
    }

    @Test
    void choleskySolvesASmallSystem() {
        double[][] a = {{4, 2}, {2, 3}};
        double[] b = {2, 5};

        assertThat(Cholesky.solve(a, b)).containsExactly(new double[] {-0.5, 2.0}, within(1e-12));
    }
}
