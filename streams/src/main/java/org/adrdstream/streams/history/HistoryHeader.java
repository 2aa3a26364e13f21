package org.adrdstream.streams.history;

import java.time.Instant;
import java.time.LocalDate;

import org.adrdstream.contract.Sex;

/**
 * The small per-patient record written on every applied event: header fields of the history, its version,
 * how many detailed events the events store holds, and whether the history is due for publishing (so a
 * restarted instance knows what it still owes). Summaries live in their own store entry, written only when
 * events are folded, so this record never grows with the history.
 */
record HistoryHeader(LocalDate birthDate, Sex sex, Instant demographicsAt, LocalDate deathDate,
                     Instant observationStart, Instant observationEnd, long version, int detailedEvents, boolean due,
                     Instant lastIngestedAt) {

    static final HistoryHeader EMPTY = new HistoryHeader(null, Sex.UNKNOWN, null, null, null, null, 0, 0, false, null);

    /**
     * The header after one more applied change, due for publishing; {@code ingestedAt} is when the changing
     * event entered the platform (the latest one is kept: the scorer measures end-to-end latency from it).
     */
    HistoryHeader changed(int detailed, Instant ingestedAt) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd,
                version + 1, detailed, true, ObservationPeriod.later(lastIngestedAt, ingestedAt));
    }

    /** Demographics recorded at {@code at}; the newest record by clinical time wins, whatever the arrival order. */
    HistoryHeader withDemographics(LocalDate birth, Sex newSex, Instant at) {
        if (demographicsAt != null && at.isBefore(demographicsAt)) {
            return this;
        }
        return new HistoryHeader(birth != null ? birth : birthDate, newSex != null ? newSex : sex, at, deathDate,
                observationStart, observationEnd, version, detailedEvents, due, lastIngestedAt);
    }

    HistoryHeader withDeath(LocalDate death) {
        return new HistoryHeader(birthDate, sex, demographicsAt, death, observationStart, observationEnd, version,
                detailedEvents, due, lastIngestedAt);
    }

    HistoryHeader withObservation(Instant start, Instant end) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, start, end, version, detailedEvents, due,
                lastIngestedAt);
    }

    HistoryHeader published(int detailed) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd, version,
                detailed, false, lastIngestedAt);
    }
}
