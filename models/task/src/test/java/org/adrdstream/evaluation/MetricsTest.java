package org.adrdstream.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Metrics against values computed by hand. */
class MetricsTest {

    @Test
    void averagePrecisionByHand() {
        // ranked: 0.9 (+), 0.8 (-), 0.7 (+), 0.1 (-): precision at the positives 1/1 and 2/3
        double[] scores = {0.1, 0.9, 0.7, 0.8};
        boolean[] positive = {false, true, true, false};

        assertThat(AveragePrecision.of(scores, positive)).isCloseTo((1.0 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void tiedScoresFormOneThreshold() {
        // all tied: one threshold with precision 1/2 for both positives
        assertThat(AveragePrecision.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, true, false}))
                .isCloseTo(0.5, within(1e-12));
    }

    @Test
    void calibrationErrorByHand() {
        // bin [0.1, 0.2): predictions 0.1, 0.1, one positive of two → |0.2 - 1| = 0.8 over 4 examples;
        // bin [0.9, 1.0]: predictions 0.9, 0.9, both positive → |1.8 - 2| = 0.2
        double[] p = {0.1, 0.1, 0.9, 0.9};
        boolean[] y = {true, false, true, true};

        assertThat(CalibrationError.expected(p, y, 10)).isCloseTo((0.8 + 0.2) / 4, within(1e-12));
    }

    @Test
    void bootstrapIsReproducibleBySeedAndCoversTheEstimate() {
        Random random = new Random(3);
        int n = 400;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextDouble() < 0.3;
            scores[i] = random.nextGaussian() + (positive[i] ? 1 : 0);
        }

        Bootstrap.Interval first = new Bootstrap(500, 11).interval(scores, positive, Auroc::of);
        Bootstrap.Interval again = new Bootstrap(500, 11).interval(scores, positive, Auroc::of);

        assertThat(again).isEqualTo(first);
        assertThat(first.low()).isLessThan(first.estimate()).isGreaterThan(0.6);
        assertThat(first.high()).isGreaterThan(first.estimate()).isLessThan(0.9);
        assertThat(first.resamples()).isEqualTo(500);
    }

    @Test
    void pairedDifferenceOfAModelWithItselfIsExactlyZero() {
        double[] scores = {0.2, 0.4, 0.6, 0.8, 0.3, 0.7};
        boolean[] positive = {false, false, true, true, false, true};

        Bootstrap.Interval difference = new Bootstrap(200, 1).difference(scores, scores, positive, Auroc::of);

        assertThat(difference.estimate()).isZero();
        assertThat(difference.low()).isZero();
        assertThat(difference.high()).isZero();
    }

    @Test
    void f1ByHandAndTheThresholdThatMaximisesIt() {
        double[] scores = {0.1, 0.9, 0.7, 0.8, 0.3};
        boolean[] positive = {false, true, true, false, false};

        // >= 0.7: flags 0.9 (+), 0.7 (+), 0.8 (-): 2 TP, 3 flagged, 2 positives → 4/5
        assertThat(F1Score.at(scores, positive, 0.7)).isCloseTo(0.8, within(1e-12));
        // >= 0.9: 1 TP, 1 flagged → 2/3; >= 0.3: 2 TP, 4 flagged → 4/6
        assertThat(F1Score.bestThreshold(scores, positive)).isEqualTo(0.7);
    }

    @Test
    void aJointIntervalResamplesTheSamePatientsForEverySet() {
        Random random = new Random(5);
        int n = 300;
        double[] a = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextDouble() < 0.3;
            a[i] = random.nextGaussian() + (positive[i] ? 1 : 0);
        }
        double[] shifted = java.util.Arrays.stream(a).map(v -> v + 5).toArray(); // same ranking

        Bootstrap.Interval mean = new Bootstrap(300, 2).joint(java.util.List.of(a, shifted), positive,
                (sets, labels) -> (Auroc.of(sets.get(0), labels) + Auroc.of(sets.get(1), labels)) / 2);
        Bootstrap.Interval single = new Bootstrap(300, 2).interval(a, positive, Auroc::of);

        assertThat(mean).as("paired resamples: the mean of two equal rankings is the ranking's AUROC").isEqualTo(single);
    }
}
