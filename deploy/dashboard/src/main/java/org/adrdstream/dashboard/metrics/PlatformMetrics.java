package org.adrdstream.dashboard.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.adrdstream.dashboard.pipeline.PipelineHealth;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The Prometheus endpoint's registry: the pipeline figures the dashboard shows (prefixed {@code adrd_}),
 * the Kafka Streams and client metrics of the streams instance in this process (the scoring batch metrics
 * among them), and the JVM's. Pipeline figures are taken from one snapshot per scrape.
 */
public final class PlatformMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineHealth health;
    private final AtomicReference<PipelineHealth.Snapshot> last = new AtomicReference<>();
    private final MultiGauge feedEvents;
    private final MultiGauge feedRates;
    private final MultiGauge lag;
    private final List<AutoCloseable> binders = new ArrayList<>();

    /** @param streams the streams instance in this process, or null when it runs elsewhere */
    public PlatformMetrics(PipelineHealth health, KafkaStreams streams) {
        this.health = health;
        last.set(health.snapshot());
        feedEvents = MultiGauge.builder("adrd.feed.events").description("Clinical events read per feed (total)")
                .register(registry);
        feedRates = MultiGauge.builder("adrd.feed.events.rate").baseUnit("events per second")
                .description("Clinical events per second per feed, over the last 10 s").register(registry);
        lag = MultiGauge.builder("adrd.streams.lag").description("Streams application lag per input topic (records)")
                .register(registry);
        gauge("adrd.histories.published", "Patient histories published", s -> s.historiesPublished());
        gauge("adrd.histories.patients", "Patients with a published history", s -> s.patientsWithHistory());
        gauge("adrd.risk.records", "Risk records read from the risk topic", s -> s.scores().records());
        gauge("adrd.risk.scored", "Risk records that carry a score", s -> s.scores().scored());
        gauge("adrd.dead.letters", "Records in the dead-letter topic", s -> s.deadLetters());
        gauge("adrd.dashboard.undecodable", "Platform records the dashboard could not decode", s -> s.undecodable());
        gauge("adrd.score.latency.p50", "Median end-to-end latency of recent scores (ms)",
                s -> s.scores().latencyP50Ms() < 0 ? Double.NaN : s.scores().latencyP50Ms());
        gauge("adrd.score.latency.p99", "99th percentile end-to-end latency of recent scores (ms)",
                s -> s.scores().latencyP99Ms() < 0 ? Double.NaN : s.scores().latencyP99Ms());
        gauge("adrd.scoring.batch.size.mean", "Mean histories per scoring batch (last minute)", s -> s.batches().meanSize());
        gauge("adrd.scoring.batch.time.mean", "Mean inference time per scoring batch, ms (last minute)",
                s -> s.batches().meanMillis());
        gauge("adrd.first.score.seconds", "Seconds from this run's start to its first score",
                s -> s.firstScoreAfter().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        if (streams != null) {
            KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams);
            kafka.bindTo(registry);
            binders.add(kafka);
        }
    }

    private void gauge(String name, String description, java.util.function.ToDoubleFunction<PipelineHealth.Snapshot> value) {
        Gauge.builder(name, last, ref -> value.applyAsDouble(ref.get())).description(description).register(registry);
    }

    /** The Prometheus text exposition, with the pipeline figures as of now. */
    public String scrape() {
        PipelineHealth.Snapshot now = health.snapshot();
        last.set(now);
        feedEvents.register(now.feeds().entrySet().stream()
                .map(feed -> MultiGauge.Row.of(Tags.of("feed", feed.getKey()), feed.getValue().total())).toList(), true);
        feedRates.register(now.feeds().entrySet().stream()
                .map(feed -> MultiGauge.Row.of(Tags.of("feed", feed.getKey()), feed.getValue().perSecond())).toList(), true);
        lag.register(now.lag().entrySet().stream()
                .map(topic -> MultiGauge.Row.of(Tags.of("topic", topic.getKey()), topic.getValue())).toList(), true);
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                // closing a metrics binder only unregisters listeners; nothing to recover
            }
        }
        registry.close();
    }
}
