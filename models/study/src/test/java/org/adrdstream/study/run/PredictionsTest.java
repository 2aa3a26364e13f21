package org.adrdstream.study.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsTest {

    @TempDir
    Path dir;

    @Test
    void scoresAndRisksTravelTogetherAndOldFilesRankByRisk() throws Exception {
        Predictions written = new Predictions(List.of("p1", "p2"), new boolean[] {true, false}, new double[] {0.2, 0.05},
                new double[] {-1.5, 2.25});
        written.write(dir.resolve("a.csv"));

        Predictions read = Predictions.read(dir.resolve("a.csv"));

        assertThat(read.patients()).containsExactly("p1", "p2");
        assertThat(read.positive()).containsExactly(true, false);
        assertThat(read.probabilities()).containsExactly(0.2, 0.05);
        assertThat(read.scores()).containsExactly(-1.5, 2.25);

        Files.writeString(dir.resolve("old.csv"), "patient,label,probability\np1,1,0.3\n");
        assertThat(Predictions.read(dir.resolve("old.csv")).scores()).containsExactly(0.3);
    }
}
