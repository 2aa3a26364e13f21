package org.adrdstream.cohort;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a generated cohort depends on besides its size: the seed, the calendar window the health system's
 * records cover, and the name of the feed written into every record's source reference.
 *
 * @param seed        one seed for the whole cohort; patient k's record depends only on (seed, k)
 * @param windowStart first day of the records
 * @param windowEnd   last day of the records (the data cut)
 * @param feed        feed name in {@code SourceRef.feed}, and the source system of the event ids
 */
public record CohortSettings(long seed, LocalDate windowStart, LocalDate windowEnd, String feed) {

    public static final LocalDate DEFAULT_WINDOW_START = LocalDate.of(2005, 1, 1);
    public static final LocalDate DEFAULT_WINDOW_END = LocalDate.of(2025, 12, 31);
    public static final String DEFAULT_FEED = "synthetic-hospital";

    public CohortSettings {
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(feed, "feed");
        if (!windowEnd.isAfter(windowStart.plusYears(2))) {
            throw new IllegalArgumentException("the calendar window must span more than two years: "
                    + windowStart + " to " + windowEnd);
        }
    }

    public static CohortSettings defaults(long seed) {
        return new CohortSettings(seed, DEFAULT_WINDOW_START, DEFAULT_WINDOW_END, DEFAULT_FEED);
    }
}
