package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HandoffTest {

    @Test
    void durableOnlyWhenEveryRecordWasAcknowledged() throws InterruptedException {
        Handoff handoff = new Handoff(2);
        handoff.acknowledged();
        assertThat(handoff.awaitDurable(Duration.ofMillis(50))).isFalse();

        handoff.acknowledged();
        assertThat(handoff.awaitDurable(Duration.ofMillis(50))).isTrue();
    }

    @Test
    void aRecordTheWorkerDroppedIsNotDurable() throws InterruptedException {
        Handoff handoff = new Handoff(2);
        handoff.acknowledged();
        handoff.dropped();

        assertThat(handoff.awaitDurable(Duration.ofMillis(50))).isFalse();
    }
}
