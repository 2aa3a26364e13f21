package org.adrdstream.dashboard.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * Events per feed: totals, and the rate over the last {@code windowSeconds} by the records' own timestamps
 * (when the connector produced them), so a dashboard that starts late and reads the backlog shows the rate
 * the feed ran at, not how fast the backlog was read.
 */
public final class FeedRates {

    private final int windowSeconds;
    private final Map<String, Feed> feeds = new TreeMap<>();

    public FeedRates(int windowSeconds) {
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("window must be at least 1 s, was " + windowSeconds);
        }
        this.windowSeconds = windowSeconds;
    }

    public synchronized void record(String feed, long timestampMillis) {
        feeds.computeIfAbsent(feed, f -> new Feed(windowSeconds)).record(timestampMillis / 1000);
    }

    /** Per feed, in name order: total events and events/s over the window ending at {@code nowMillis}. */
    public synchronized Map<String, Rate> rates(long nowMillis) {
        Map<String, Rate> rates = new TreeMap<>();
        feeds.forEach((name, feed) -> rates.put(name, new Rate(feed.total, feed.perSecond(nowMillis / 1000))));
        return rates;
    }

    /** @param perSecond mean events/s over the window */
    public record Rate(long total, double perSecond) {
    }

    /** Counts per second in a ring of {@code window} slots, keyed by epoch second. */
    private static final class Feed {
        private final long[] seconds;
        private final long[] counts;
        private long total;

        Feed(int window) {
            seconds = new long[window];
            counts = new long[window];
        }

        void record(long second) {
            total++;
            int slot = (int) Math.floorMod(second, (long) seconds.length);
            if (seconds[slot] != second) {
                if (seconds[slot] > second) {
                    return; // older than the window: counted in the total only
                }
                seconds[slot] = second;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        double perSecond(long nowSecond) {
            long inWindow = 0;
            for (int i = 0; i < seconds.length; i++) {
                if (seconds[i] > nowSecond - seconds.length && seconds[i] <= nowSecond) {
                    inWindow += counts[i];
                }
            }
            return inWindow / (double) seconds.length;
        }
    }
}
