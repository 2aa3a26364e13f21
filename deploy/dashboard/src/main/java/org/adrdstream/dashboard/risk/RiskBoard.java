package org.adrdstream.dashboard.risk;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.adrdstream.contract.RiskScore;

/**
 * What the dashboard knows of {@code adrd.risk.v1}: the newest rows in arrival order, each patient's trail
 * of records (newest last), counts, recent latencies, and live subscribers. Records arrive from one reader
 * thread; pages and the live feed read from others. Memory is bounded: {@code recentCapacity} rows in the
 * feed and {@code trailCapacity} rows per patient.
 */
public final class RiskBoard {

    private final int recentCapacity;
    private final int trailCapacity;
    private final Deque<ScoreRow> recent = new ArrayDeque<>();
    private final Map<String, Deque<ScoreRow>> trails = new HashMap<>();
    private final Map<String, Double> lastScore = new HashMap<>();
    private final List<Consumer<ScoreRow>> subscribers = new CopyOnWriteArrayList<>();
    private final LatencyWindow latencies = new LatencyWindow(2_048);
    private long records;
    private long scored;
    private final Instant since;
    private Instant firstScoredAt;

    /** @param since records scored before it do not count as this run's first score (a resumed run's backlog) */
    public RiskBoard(int recentCapacity, int trailCapacity, Instant since) {
        this.recentCapacity = recentCapacity;
        this.trailCapacity = trailCapacity;
        this.since = since;
    }

    /** Takes one record from the topic, and tells the live subscribers. */
    public void accept(RiskScore record) {
        ScoreRow row;
        synchronized (this) {
            row = ScoreRow.of(++records, record, lastScore.get(record.getPatientId()));
            if (row.score() != null) {
                lastScore.put(row.patientId(), row.score());
                scored++;
                if (firstScoredAt == null && !row.scoredAt().isBefore(since)) {
                    firstScoredAt = row.scoredAt();
                }
            }
            if (row.latencyMs() != null) {
                latencies.record(row.latencyMs());
            }
            append(recent, row, recentCapacity);
            append(trails.computeIfAbsent(row.patientId(), p -> new ArrayDeque<>()), row, trailCapacity);
        }
        for (Consumer<ScoreRow> subscriber : subscribers) {
            subscriber.accept(row);
        }
    }

    private static void append(Deque<ScoreRow> rows, ScoreRow row, int capacity) {
        rows.addLast(row);
        if (rows.size() > capacity) {
            rows.removeFirst();
        }
    }

    /** Up to {@code limit} of the newest rows, newest first. */
    public synchronized List<ScoreRow> newest(int limit) {
        List<ScoreRow> rows = new ArrayList<>(Math.min(limit, recent.size()));
        var newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext() && rows.size() < limit) {
            rows.add(newestFirst.next());
        }
        return rows;
    }

    /** The patient's records, oldest first; empty when none arrived. */
    public synchronized List<ScoreRow> trail(String patientId) {
        Deque<ScoreRow> trail = trails.get(patientId);
        return trail == null ? List.of() : List.copyOf(trail);
    }

    /**
     * Tells {@code subscriber} every row from now on, on the reader's thread (so it must not block); run the
     * returned action to stop.
     */
    public Runnable subscribe(Consumer<ScoreRow> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** The figures behind the status line and the health panel. */
    public synchronized Counts counts() {
        return new Counts(records, scored, trails.size(), latencies.quantile(0.5), latencies.quantile(0.99),
                Optional.ofNullable(firstScoredAt));
    }

    /**
     * @param records      risk records read
     * @param scored       of which carry a score
     * @param patients     patients with at least one record
     * @param latencyP50Ms median end-to-end latency of recent scores, -1 before the first
     * @param latencyP99Ms 99th percentile of the same, -1 before the first
     * @param firstScoredAt when this run's first score was produced
     */
    public record Counts(long records, long scored, int patients, long latencyP50Ms, long latencyP99Ms,
                         Optional<Instant> firstScoredAt) {
    }
}
