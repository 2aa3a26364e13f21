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
    void oneClassOnlyLeavesTheReadOutAsItIs() {
        assertThat(PlattScaling.fit(new double[] {1, 2}, new boolean[] {false, false})).isEqualTo(Calibration.IDENTITY);
    }
}
