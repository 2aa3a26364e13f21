package org.adrdstream.dashboard.pipeline;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.SourceCoordinates;

/**
 * The dead-letter topic as operators need it: the total, counts per failure stage, and the newest entries
 * with their reason and where the record can be found again. Payloads are never kept: a dead letter's
 * payload may hold identifiers the connector could not pseudonymise.
 */
public final class DeadLetterLog {

    private final int capacity;
    private final Deque<Entry> newest = new ArrayDeque<>();
    private final Map<String, Long> byStage = new TreeMap<>();
    private long total;

    public DeadLetterLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void accept(DeadLetter letter) {
        total++;
        byStage.merge(letter.getStage().name(), 1L, Long::sum);
        newest.addFirst(new Entry(letter.getFailedAt(), letter.getStage().name(), letter.getReason(),
                coordinates(letter.getSource())));
        if (newest.size() > capacity) {
            newest.removeLast();
        }
    }

    private static String coordinates(SourceCoordinates source) {
        List<String> parts = new ArrayList<>();
        if (source.getFeed() != null) {
            parts.add("feed " + source.getFeed());
        }
        if (source.getFile() != null) {
            parts.add(source.getFile() + (source.getLine() == null ? "" : ":" + source.getLine()));
        }
        if (source.getTopic() != null) {
            parts.add(source.getTopic() + "-" + source.getPartition() + "@" + source.getOffset());
        }
        if (source.getRecordRef() != null) {
            parts.add(source.getRecordRef());
        }
        return String.join(", ", parts);
    }

    public synchronized long total() {
        return total;
    }

    public synchronized Map<String, Long> byStage() {
        return new TreeMap<>(byStage);
    }

    /** The newest entries, newest first. */
    public synchronized List<Entry> newest() {
        return new ArrayList<>(newest);
    }

    /** One dead letter without its payload. */
    public record Entry(Instant failedAt, String stage, String reason, String source) {
    }
}
