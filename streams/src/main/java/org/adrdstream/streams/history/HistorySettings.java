package org.adrdstream.streams.history;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of history assembly.
 *
 * @param maxDetailedEvents most detailed events kept per patient; older ones are folded into per-code
 *                          summaries (default 1000: about 120 KB of Avro, far below Kafka's 1 MB default)
 * @param publishInterval   how often changed histories are published: each changed patient's latest
 *                          history goes out at most once per interval (default 5 s: each publication rewrites
 *                          the whole history, so during a replay a longer interval means fewer rewrites)
 * @param futureTolerance   how far past the processing time an event's clinical time may lie before it is
 *                          refused as implausible (default 1 day, for clock skew between sites)
 */
public record HistorySettings(int maxDetailedEvents, Duration publishInterval, Duration futureTolerance) {

    public HistorySettings {
        Objects.requireNonNull(publishInterval, "publishInterval");
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (maxDetailedEvents < 1 || publishInterval.isNegative() || publishInterval.isZero()) {
            throw new IllegalArgumentException("need at least 1 detailed event and a positive publish interval, got "
                    + maxDetailedEvents + " and " + publishInterval);
        }
    }

    public static HistorySettings defaults() {
        return new HistorySettings(1000, Duration.ofSeconds(5), Duration.ofDays(1));
    }
}
