package org.adrdstream.dashboard.risk;

import java.util.Arrays;

/** The last {@code capacity} end-to-end latencies, for p50/p99 over recent scores. Thread-safe. */
public final class LatencyWindow {

    private final long[] values;
    private int next;
    private int size;

    public LatencyWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.values = new long[capacity];
    }

    public synchronized void record(long millis) {
        values[next] = millis;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /** The q-quantile (nearest rank) of the window, or -1 while it is empty. */
    public synchronized long quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be in [0, 1], was " + q);
        }
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(rank, 1) - 1];
    }
}
