package org.adrdstream.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Polls a subscribed consumer until enough records arrived or a deadline passed: never a bare sleep. */
public final class Consume {

    private Consume() {
    }

    /**
     * Records polled until {@code count} arrived or {@code timeout} passed; the caller asserts on the size.
     */
    public static <K, V> List<ConsumerRecord<K, V>> atLeast(Consumer<K, V> consumer, int count, Duration timeout) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
