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
 * @param resendHorizon     how long (wall clock) the ids of retracted and folded events are remembered: a re-send
 *                          within it is recognised, one after it counts as new (default 365 days; the store of
 *                          remembered ids grows with the retractions and folds of one horizon, see docs/streams.md)
 */
public record HistorySettings(int maxDetailedEvents, Duration publishInterval, Duration futureTolerance,
                              Duration resendHorizon) {

    public HistorySettings {
        Objects.requireNonNull(publishInterval, "publishInterval");
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        Objects.requireNonNull(resendHorizon, "resendHorizon");
        if (maxDetailedEvents < 1 || notPositive(publishInterval) || notPositive(resendHorizon)) {
            throw new IllegalArgumentException("need at least 1 detailed event, a positive publish interval and a "
                    + "positive re-send horizon, got " + maxDetailedEvents + ", " + publishInterval + " and "
                    + resendHorizon);
        }
    }

    private static boolean notPositive(Duration duration) {
        return duration.isNegative() || duration.isZero();
    }

    public static HistorySettings defaults() {
        return new HistorySettings(1000, Duration.ofSeconds(5), Duration.ofDays(1), Duration.ofDays(365));
    }

    public HistorySettings withMaxDetailedEvents(int cap) {
        return new HistorySettings(cap, publishInterval, futureTolerance, resendHorizon);
    }

    public HistorySettings withPublishInterval(Duration interval) {
        return new HistorySettings(maxDetailedEvents, interval, futureTolerance, resendHorizon);
    }

    public HistorySettings withResendHorizon(Duration horizon) {
        return new HistorySettings(maxDetailedEvents, publishInterval, futureTolerance, horizon);
    }
}
