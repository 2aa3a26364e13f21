package org.adrdstream.dashboard.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.adrdstream.dashboard.risk.RiskBoard;

/**
 * The pipeline's figures at one moment, for the status line, the health panel and {@code /metrics}: events in
 * per feed, histories, risk records, dead letters, the streams application's lag (refreshed in the
 * background, as it asks the cluster), scoring batches and latency, the model in service, and the time from
 * the start of this run to its first score.
 */
public final class PipelineHealth implements AutoCloseable {

    private final PlatformTap tap;
    private final RiskBoard risk;
    private final FeedRates feeds;
    private final DeadLetterLog deadLetters;
    private final Supplier<ScoringBatches> batches;
    private final Supplier<Optional<String>> modelInService;
    private final Instant startedAt;
    private final Clock clock;
    private final ScheduledExecutorService lagPoller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "adrd-dashboard-lag");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Long> lag = Map.of();

    /**
     * @param batches        scoring batch figures ({@link ScoringBatches#UNKNOWN} when the scorer runs elsewhere)
     * @param modelInService the model the local scorer serves; empty falls back to the newest score's model
     */
    public PipelineHealth(PlatformTap tap, RiskBoard risk, FeedRates feeds, DeadLetterLog deadLetters,
                          ConsumerLag consumerLag, Supplier<ScoringBatches> batches,
                          Supplier<Optional<String>> modelInService, Instant startedAt, Clock clock) {
        this.tap = tap;
        this.risk = risk;
        this.feeds = feeds;
        this.deadLetters = deadLetters;
        this.batches = batches;
        this.modelInService = modelInService;
        this.startedAt = startedAt;
        this.clock = clock;
        lagPoller.scheduleWithFixedDelay(() -> lag = consumerLag.perTopic(), 0, 5, TimeUnit.SECONDS);
    }

    /** The figures now. */
    public Snapshot snapshot() {
        RiskBoard.Counts scores = risk.counts();
        Map<String, FeedRates.Rate> rates = feeds.rates(clock.millis());
        long eventsIn = rates.values().stream().mapToLong(FeedRates.Rate::total).sum();
        double eventsPerSecond = rates.values().stream().mapToDouble(FeedRates.Rate::perSecond).sum();
        Optional<String> model = modelInService.get().or(() -> risk.newest(1).stream()
                .filter(row -> row.model() != null).map(row -> row.model()).findFirst());
        return new Snapshot(clock.instant(), eventsIn, eventsPerSecond, rates, tap.historiesPublished(),
                tap.patientsWithHistory(), scores, deadLetters.total(), tap.undecodable(), lag, batches.get(), model,
                scores.firstScoredAt().map(first -> Duration.between(startedAt, first)));
    }

    @Override
    public void close() {
        lagPoller.shutdownNow();
    }

    /**
     * The pipeline at {@code at}.
     *
     * @param undecodable     records on the platform topics the dashboard could not decode
     * @param firstScoreAfter time from this run's start to its first score; empty until then
     */
    public record Snapshot(Instant at, long eventsIn, double eventsPerSecond, Map<String, FeedRates.Rate> feeds,
                           long historiesPublished, int patientsWithHistory, RiskBoard.Counts scores,
                           long deadLetters, long undecodable, Map<String, Long> lag, ScoringBatches batches,
                           Optional<String> modelInService, Optional<Duration> firstScoreAfter) {

        /** Total lag over the input topics; -1 while unknown. */
        public long totalLag() {
            return lag.isEmpty() ? -1 : lag.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The one-line status the demo prints every few seconds. */
        public String statusLine() {
            return String.format("events in %d (%.0f/s) | histories %d (%d patients) | scores out %d (%d scored) "
                            + "| DLQ %d | lag %s | latency p99 %s | first score %s",
                    eventsIn, eventsPerSecond, historiesPublished, patientsWithHistory, scores.records(),
                    scores.scored(), deadLetters, totalLag() < 0 ? "?" : Long.toString(totalLag()),
                    scores.latencyP99Ms() < 0 ? "-" : scores.latencyP99Ms() + " ms",
                    firstScoreAfter.map(d -> String.format("after %.1f s", d.toMillis() / 1000.0)).orElse("pending"));
        }
    }
}
