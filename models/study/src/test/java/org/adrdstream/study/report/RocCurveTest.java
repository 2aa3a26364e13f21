package org.adrdstream.study.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RocCurveTest {

    @Test
    void ratesByHandWithATiedPair() {
        // descending: 0.9 (+), 0.8 (-), 0.8 (+) tied, 0.1 (-): points (0,0) (0,.5) (.5,1) (1,1)
        double[] scores = {0.1, 0.9, 0.8, 0.8};
        boolean[] positive = {false, true, true, false};

        double[] tpr = RocCurve.truePositiveRates(scores, positive, new double[] {0, 0.25, 0.5, 1});

        assertThat(tpr).containsExactly(0.5, 0.5, 1.0, 1.0);
    }
}
