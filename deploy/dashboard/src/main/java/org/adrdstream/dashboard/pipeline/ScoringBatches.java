package org.adrdstream.dashboard.pipeline;

import java.util.Map;

import org.adrdstream.streams.scoring.ScoringMetrics;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Scoring batch figures over all scoring tasks of a streams instance, read from its metrics
 * ({@link ScoringMetrics}): mean and largest batch, mean and longest inference time per batch, batches run.
 * NaN where no batch has run.
 */
public record ScoringBatches(double meanSize, double maxSize, double meanMillis, double maxMillis, long batches) {

    /** No figures: the scorer runs in another process, or has not run. */
    public static final ScoringBatches UNKNOWN = new ScoringBatches(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /** Combines the per-task metrics of {@code KafkaStreams.metrics()}; task means are weighted by batches run. */
    public static ScoringBatches of(Map<MetricName, ? extends Metric> metrics) {
        Map<String, double[]> perTask = new java.util.HashMap<>(); // task -> {meanSize, maxSize, meanMs, maxMs, batches}
        metrics.forEach((name, metric) -> {
            if (!ScoringMetrics.GROUP.equals(name.group()) || !(metric.metricValue() instanceof Double value)) {
                return;
            }
            double[] task = perTask.computeIfAbsent(name.tags().get("task-id"),
                    t -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0});
            switch (name.name()) {
                case "batch-size-avg" -> task[0] = value;
                case "batch-size-max" -> task[1] = value;
                case "batch-time-ms-avg" -> task[2] = value;
                case "batch-time-ms-max" -> task[3] = value;
                case "batches-total" -> task[4] = value;
                default -> { }
            }
        });
        double batches = 0;
        double sizeSum = 0;
        double timeSum = 0;
        double maxSize = Double.NaN;
        double maxMillis = Double.NaN;
        for (double[] task : perTask.values()) {
            if (task[4] > 0 && !Double.isNaN(task[0])) {
                batches += task[4];
                sizeSum += task[0] * task[4];
                timeSum += task[2] * task[4];
                maxSize = Double.isNaN(maxSize) ? task[1] : Math.max(maxSize, task[1]);
                maxMillis = Double.isNaN(maxMillis) ? task[3] : Math.max(maxMillis, task[3]);
            }
        }
        return batches == 0 ? UNKNOWN
                : new ScoringBatches(sizeSum / batches, maxSize, timeSum / batches, maxMillis, (long) batches);
    }
}
