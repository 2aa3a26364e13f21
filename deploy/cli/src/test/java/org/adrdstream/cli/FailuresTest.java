package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;

import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void portInUseSuggestsTheFlagsThatMoveIt() {
        RuntimeException failure = new RuntimeException("broker failed", new BindException("Address already in use"));

        assertThat(Failures.describe(failure)).contains("port is already in use").contains("--kafka-port");
    }

    @Test
    void otherFailuresKeepTheirMessageAndRootCause() {
        RuntimeException failure = new IllegalStateException("cannot create platform topics",
                new RuntimeException("wrapper", new IllegalArgumentException("replication factor 3 > 1 broker")));

        assertThat(Failures.describe(failure)).isEqualTo(
                "cannot create platform topics (cause: replication factor 3 > 1 broker)");
    }
}
