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
    void aPartThatNamesItsPortIsQuoted() {
        RuntimeException failure = new IllegalStateException("start failed", new java.io.UncheckedIOException(
                "the dashboard cannot listen on 127.0.0.1:8080 (in use? choose another with --dashboard-port)",
                new BindException("Address already in use")));

        assertThat(Failures.describe(failure)).startsWith("the dashboard cannot listen on 127.0.0.1:8080")
                .contains("--dashboard-port").contains("Address already in use");
    }

    @Test
    void otherFailuresKeepTheirMessageAndRootCause() {
        RuntimeException failure = new IllegalStateException("cannot create platform topics",
                new RuntimeException("wrapper", new IllegalArgumentException("replication factor 3 > 1 broker")));

        assertThat(Failures.describe(failure)).isEqualTo(
                "cannot create platform topics (cause: replication factor 3 > 1 broker)");
    }
}
