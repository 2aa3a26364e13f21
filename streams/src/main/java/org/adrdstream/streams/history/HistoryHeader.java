package org.adrdstream.streams.history;

import java.time.Instant;
import java.time.LocalDate;

import org.adrdstream.contract.Sex;

/**
 * The small per-patient record written on every applied event: header fields of the history, its version,
 * how many detailed events the events store holds, and whether the history is due for publishing (so a
 * restarted instance knows what it still owes). A patient retired by a merge keeps only this record, naming the
 * survivor ({@code mergedInto}), so that later events can follow the history there. Summaries live in their own store entry, written only when
 * events are folded, so this record never grows with the history.
 */
record HistoryHeader(LocalDate birthDate, Sex sex, Instant demographicsAt, LocalDate deathDate,
                     Instant observationStart, Instant observationEnd, long version, int detailedEvents, boolean due,
                     Instant lastIngestedAt, String mergedInto) {

    static final HistoryHeader EMPTY =
            new HistoryHeader(null, Sex.UNKNOWN, null, null, null, null, 0, 0, false, null, null);

    /**
     * The header after one more applied change, due for publishing; {@code ingestedAt} is when the changing
     * event entered the platform (the latest one is kept: the scorer measures end-to-end latency from it).
     */
    HistoryHeader changed(int detailed, Instant ingestedAt) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd,
                version + 1, detailed, true, ObservationPeriod.later(lastIngestedAt, ingestedAt), mergedInto);
    }

    /** Demographics recorded at {@code at}; the newest record by clinical time wins, whatever the arrival order. */
    HistoryHeader withDemographics(LocalDate birth, Sex newSex, Instant at) {
        if (demographicsAt != null && at.isBefore(demographicsAt)) {
            return this;
        }
        return new HistoryHeader(birth != null ? birth : birthDate, newSex != null ? newSex : sex, at, deathDate,
                observationStart, observationEnd, version, detailedEvents, due, lastIngestedAt, mergedInto);
    }

    HistoryHeader withDeath(LocalDate death) {
        return new HistoryHeader(birthDate, sex, demographicsAt, death, observationStart, observationEnd, version,
                detailedEvents, due, lastIngestedAt, mergedInto);
    }

    HistoryHeader withObservation(Instant start, Instant end) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, start, end, version, detailedEvents, due,
                lastIngestedAt, mergedInto);
    }

    HistoryHeader published(int detailed) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd, version,
                detailed, false, lastIngestedAt, mergedInto);
    }

    /** Whether a merge retired this pseudonym: its history lives on under {@link #mergedInto()}. */
    boolean retired() {
        return mergedInto != null;
    }

    /** A retired header that a later, reversing merge makes a survivor again (its fields come with the transfer). */
    HistoryHeader reinstated() {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd, version,
                detailedEvents, due, lastIngestedAt, null);
    }

    /**
     * The header of a pseudonym retired into {@code survivor}: nothing but the version (one more change, due,
     * so the retirement is published) and the survivor.
     */
    HistoryHeader retiredInto(String survivor, Instant ingestedAt) {
        return new HistoryHeader(null, Sex.UNKNOWN, null, null, null, null, version + 1, 0, true,
                ObservationPeriod.later(lastIngestedAt, ingestedAt), survivor);
    }
}
