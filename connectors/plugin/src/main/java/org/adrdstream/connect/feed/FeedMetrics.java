package org.adrdstream.connect.feed;

import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;

/**
 * Counts a task exposes through Connect's plugin metrics (JMX and any metrics reporter): events written,
 * records dead-lettered, source records skipped on purpose (resource types that carry no clinical event).
 */
public final class FeedMetrics {

    private final Sensor events;
    private final Sensor deadLetters;
    private final Sensor skipped;
    private final AtomicLong deadLetterCount = new AtomicLong(); // the MLLP listener writes from many threads

    /** @param metrics the task's plugin metrics; null (outside a worker) counts locally only */
    public FeedMetrics(PluginMetrics metrics) {
        this.events = sensor(metrics, "events", "ClinicalEvents produced");
        this.deadLetters = sensor(metrics, "dead-letters", "source records sent to the dead-letter topic");
        this.skipped = sensor(metrics, "skipped", "source records that carry no clinical event (skipped on purpose)");
    }

    private static Sensor sensor(PluginMetrics metrics, String name, String description) {
        if (metrics == null) {
            return null;
        }
        Sensor sensor = metrics.addSensor(name);
        sensor.add(metrics.metricName(name + "-total", "Total " + description, new LinkedHashMap<>()), new CumulativeCount());
        return sensor;
    }

    void event() {
        record(events);
    }

    /** Counts a dead letter written. */
    void deadLetter() {
        record(deadLetters);
        deadLetterCount.incrementAndGet();
    }

    /** Dead letters written so far. */
    long deadLetters() {
        return deadLetterCount.get();
    }

    public void skipped() {
        record(skipped);
    }

    private static void record(Sensor sensor) {
        if (sensor != null) {
            sensor.record();
        }
    }
}
