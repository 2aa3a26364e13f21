package org.adrdstream.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedPositionTest {

    @Test
    void startsAtZeroAndKeepsTheLastPositionWritten(@TempDir Path dir) {
        FeedPosition position = new FeedPosition(dir.resolve("position"));
        assertThat(position.read()).isZero();
        position.write(8);
        position.write(16);
        assertThat(new FeedPosition(dir.resolve("position")).read()).isEqualTo(16);
        assertThat(dir.resolve("position.tmp")).doesNotExist();
    }

    @Test
    void aDamagedFileSaysHowToRecover(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("position"), "eight");
        assertThatThrownBy(() -> new FeedPosition(dir.resolve("position")).read())
                .hasMessageContaining("delete it to feed the cohort again");
    }
}
