package org.adrdstream.streams.scoring;

import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Per-task scoring figures registered in the Streams metrics registry, so they reach JMX, any metrics
 * reporter, {@code KafkaStreams.metrics()} and the dashboard's Prometheus endpoint with the Streams metrics:
 * group {@value #GROUP}, tagged with the task id; {@code batch-size-avg|max} (histories per forward pass),
 * {@code batch-time-ms-avg|max} (inference time per batch) and {@code batches-total}.
 */
public final class ScoringMetrics implements AutoCloseable {

    /** Metric group of the scoring metrics. */
    public static final String GROUP = "adrd-scoring-metrics";

    private final StreamsMetrics metrics;
    private final Sensor batchSize;
    private final Sensor batchTime;

    ScoringMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        Map<String, String> tags = Map.of("task-id", taskId);
        batchSize = metrics.addSensor("adrd-scoring." + taskId + ".batch-size", Sensor.RecordingLevel.INFO);
        batchSize.add(name("batch-size-avg", "Mean histories per scoring batch", tags), new Avg());
        batchSize.add(name("batch-size-max", "Largest scoring batch", tags), new Max());
        batchSize.add(name("batches-total", "Scoring batches run", tags), new CumulativeCount());
        batchTime = metrics.addSensor("adrd-scoring." + taskId + ".batch-time", Sensor.RecordingLevel.INFO);
        batchTime.add(name("batch-time-ms-avg", "Mean inference time of a scoring batch (ms)", tags), new Avg());
        batchTime.add(name("batch-time-ms-max", "Longest inference time of a scoring batch (ms)", tags), new Max());
    }

    private static MetricName name(String name, String description, Map<String, String> tags) {
        return new MetricName(name, GROUP, description, tags);
    }

    void batch(int size, long nanos) {
        batchSize.record(size);
        batchTime.record(nanos / 1e6);
    }

    @Override
    public void close() {
        metrics.removeSensor(batchSize);
        metrics.removeSensor(batchTime);
    }
}
