package org.adrdstream.dashboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;

import org.adrdstream.streams.scoring.ScoringMetrics;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ScoringBatchesTest {

    @Test
    void tasksAreCombinedWeightedByTheirBatches() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        task(metrics, "0_1", 4.0, 8.0, 100.0, 300.0, 3);
        task(metrics, "0_2", 8.0, 16.0, 200.0, 250.0, 1);
        metrics.put(new MetricName("batch-size-avg", "other-group", "", Map.of("task-id", "0_3")), value(1000.0));

        ScoringBatches batches = ScoringBatches.of(metrics);

        assertThat(batches.batches()).isEqualTo(4);
        assertThat(batches.meanSize()).isCloseTo((4.0 * 3 + 8.0) / 4, within(1e-9));
        assertThat(batches.maxSize()).isEqualTo(16.0);
        assertThat(batches.meanMillis()).isCloseTo((100.0 * 3 + 200.0) / 4, within(1e-9));
        assertThat(batches.maxMillis()).isEqualTo(300.0);
    }

    @Test
    void noBatchesMeansUnknown() {
        assertThat(ScoringBatches.of(Map.of())).isEqualTo(ScoringBatches.UNKNOWN);
        Map<MetricName, Metric> idle = new HashMap<>();
        task(idle, "0_1", Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        assertThat(ScoringBatches.of(idle).batches()).isZero();
    }

    private static void task(Map<MetricName, Metric> metrics, String task, double meanSize, double maxSize,
                             double meanMs, double maxMs, double batches) {
        Map<String, String> tags = Map.of("task-id", task);
        metrics.put(new MetricName("batch-size-avg", ScoringMetrics.GROUP, "", tags), value(meanSize));
        metrics.put(new MetricName("batch-size-max", ScoringMetrics.GROUP, "", tags), value(maxSize));
        metrics.put(new MetricName("batch-time-ms-avg", ScoringMetrics.GROUP, "", tags), value(meanMs));
        metrics.put(new MetricName("batch-time-ms-max", ScoringMetrics.GROUP, "", tags), value(maxMs));
        metrics.put(new MetricName("batches-total", ScoringMetrics.GROUP, "", tags), value(batches));
    }

    private static Metric value(double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
