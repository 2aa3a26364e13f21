package org.adrdstream.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AurocTest {

    @Test
    void perfectSeparationIsOneAndReversedIsZero() {
        double[] scores = {0.1, 0.2, 0.8, 0.9};
        assertThat(Auroc.of(scores, new boolean[] {false, false, true, true})).isEqualTo(1.0);
        assertThat(Auroc.of(scores, new boolean[] {true, true, false, false})).isEqualTo(0.0);
    }

    @Test
    void tiesCountHalf() {
        // One positive tied with one of two negatives: pairs (win, tie) -> (1 + 0.5) / 2.
        assertThat(Auroc.of(new double[] {0.5, 0.5, 0.1}, new boolean[] {true, false, false})).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void undefinedWithoutBothClasses() {
        assertThat(Auroc.of(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
    }
}
