package org.adrdstream.dashboard;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.adrdstream.dashboard.metrics.PlatformMetrics;
import org.adrdstream.dashboard.pipeline.ConsumerLag;
import org.adrdstream.dashboard.pipeline.DeadLetterLog;
import org.adrdstream.dashboard.pipeline.FeedRates;
import org.adrdstream.dashboard.pipeline.PipelineHealth;
import org.adrdstream.dashboard.pipeline.PlatformTap;
import org.adrdstream.dashboard.pipeline.ScoringBatches;
import org.adrdstream.dashboard.risk.RiskBoard;
import org.adrdstream.dashboard.web.DashboardServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The live risk dashboard, pipeline health and Prometheus endpoint of one platform (docs/dashboard.md):
 * reads the platform's topics, asks the cluster for the streams application's lag, and serves the page.
 * Runs beside a streams instance in the same process (the demo) or on its own against a cluster.
 */
public final class Dashboard implements AutoCloseable {

    private final RiskBoard board;
    private final List<AutoCloseable> parts = new ArrayList<>(); // in start order; closed in reverse
    private final PipelineHealth health;
    private final DashboardServer server;

    private Dashboard(DashboardConfig config) {
        board = new RiskBoard(500, 50, config.startedAt());
        FeedRates feeds = new FeedRates(10);
        DeadLetterLog deadLetters = new DeadLetterLog(50);
        Map<String, Object> clients = config.clientProperties();
        PlatformTap tap = started(new PlatformTap(clients, config.topics(), board, feeds, deadLetters).start());
        Admin admin = started(Admin.create(clients));
        ConsumerLag lag = new ConsumerLag(admin, config.applicationId(),
                List.of(config.topics().clinicalEvents().name(), config.topics().patientHistories().name()));
        KafkaStreams streams = config.streams();
        Supplier<ScoringBatches> batches = streams == null ? () -> ScoringBatches.UNKNOWN
                : () -> ScoringBatches.of(streams.metrics());
        health = started(new PipelineHealth(tap, board, feeds, deadLetters, lag, batches, config.modelInService(),
                config.startedAt(), Clock.systemUTC()));
        PlatformMetrics metrics = started(new PlatformMetrics(health, streams));
        try {
            server = new DashboardServer(config.host(), config.port(), board, health, deadLetters, config.histories(),
                    metrics, () -> streams == null || streams.state() == KafkaStreams.State.RUNNING, config.token()).start();
        } catch (RuntimeException e) {
            close(); // the port was taken: stop the reader and the pollers already running
            throw e;
        }
        parts.add(server);
    }

    private <T extends AutoCloseable> T started(T part) {
        parts.add(part);
        return part;
    }

    /** Starts reading the topics and serving the page. */
    public static Dashboard start(DashboardConfig config) {
        return new Dashboard(config);
    }

    /** The page's address. */
    public String url() {
        return server.url();
    }

    /** The pipeline's figures now, for the status line. */
    public PipelineHealth.Snapshot snapshot() {
        return health.snapshot();
    }

    /** Stops serving, then reading. */
    @Override
    public void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                // keep closing the others; each part logs its own trouble
            }
        }
        parts.clear();
    }
}
