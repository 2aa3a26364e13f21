package org.adrdstream.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.adrdstream.modelpackage.ModelManifest.Calibration;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

    @Test
    void recoversTheLogisticModelThatGeneratedTheOutcomes() {
        Random random = new Random(5);
        int n = 20_000;
        double[] x = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian() * 2 - 1;
            double p = 1 / (1 + Math.exp(-(0.8 * x[i] - 2.5)));
            positive[i] = random.nextDouble() < p;
        }

        Calibration fitted = PlattScaling.fit(x, positive);

        assertThat(fitted.slope()).isCloseTo(0.8, within(0.08));
        assertThat(fitted.intercept()).isCloseTo(-2.5, within(0.15));
    }

    @Test
    void oneClassOnlyKeepsTheRankingAndMovesTheMeanToTheSmoothedBaseRate() {
        Calibration fitted = PlattScaling.fit(new double[] {1, 3}, new boolean[] {false, false});

        // slope 1; mean read-out 2 maps to log(1/3): the smoothed rate of 0 positives in 2
        assertThat(fitted.slope()).isEqualTo(1.0);
        assertThat(fitted.probability(2)).isCloseTo(0.25, within(1e-12));
        assertThat(fitted.probability(3)).isGreaterThan(fitted.probability(1));
    }

    @Test
    void aReadOutThatRanksBackwardsIsFlattenedNeverReversed() {
        double[] x = {3, 2, 1, 0, -1, -2};
        boolean[] positive = {false, false, false, true, true, true};

        Calibration fitted = PlattScaling.fit(x, positive);

        assertThat(fitted.slope()).isZero();
        assertThat(fitted.probability(3)).isEqualTo(fitted.probability(-2)).isCloseTo(0.5, within(1e-9));
    }
}
