package org.adrdstream.connect.hl7;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The records of one received message, counted down as Kafka acknowledges each: the sender's ACK waits on it. */
final class Handoff {

    private final CountDownLatch unacknowledged;
    private volatile boolean dropped;

    Handoff(int records) {
        this.unacknowledged = new CountDownLatch(records);
    }

    void acknowledged() {
        unacknowledged.countDown();
    }

    /** Connect let a record go without writing it (a filtering transform, a tolerated error): not durable. */
    void dropped() {
        dropped = true;
        unacknowledged.countDown();
    }

    /** Whether every record was acknowledged by Kafka within {@code timeout} (and none was dropped). */
    boolean awaitDurable(Duration timeout) throws InterruptedException {
        return unacknowledged.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !dropped;
    }
}
