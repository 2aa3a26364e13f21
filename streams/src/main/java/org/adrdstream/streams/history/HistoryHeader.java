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
 *
 * <p>{@code indexed} is false only while the patient certainly has no entry in the event index
 * ({@link EventIndex}: no retraction, fold or death marker): such a patient's events skip the index lookup,
 * which for nearly every event would find nothing. Once set it stays set (the sweep does not clear it).
 */
record HistoryHeader(LocalDate birthDate, Sex sex, Instant demographicsAt, LocalDate deathDate,
                     Instant observationStart, Instant observationEnd, long version, int detailedEvents, boolean due,
                     Instant lastIngestedAt, String mergedInto, boolean indexed) {

    static final HistoryHeader EMPTY =
            new HistoryHeader(null, Sex.UNKNOWN, null, null, null, null, 0, 0, false, null, null, false);

    /**
     * The header after one more applied change, due for publishing; {@code ingestedAt} is when the changing
     * event entered the platform (the latest one is kept: the scorer measures end-to-end latency from it).
     */
    HistoryHeader changed(int detailed, Instant ingestedAt) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd,
                version + 1, detailed, true, ObservationPeriod.later(lastIngestedAt, ingestedAt), mergedInto, indexed);
    }

    /** Demographics recorded at {@code at}; the newest record by clinical time wins, whatever the arrival order. */
    HistoryHeader withDemographics(LocalDate birth, Sex newSex, Instant at) {
        if (demographicsAt != null && at.isBefore(demographicsAt)) {
            return this;
        }
        return new HistoryHeader(birth != null ? birth : birthDate, newSex != null ? newSex : sex, at, deathDate,
                observationStart, observationEnd, version, detailedEvents, due, lastIngestedAt, mergedInto, indexed);
    }

    HistoryHeader withDeath(LocalDate death) {
        return new HistoryHeader(birthDate, sex, demographicsAt, death, observationStart, observationEnd, version,
                detailedEvents, due, lastIngestedAt, mergedInto, indexed);
    }

    HistoryHeader withObservation(Instant start, Instant end) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, start, end, version, detailedEvents, due,
                lastIngestedAt, mergedInto, indexed);
    }

    HistoryHeader published(int detailed) {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd, version,
                detailed, false, lastIngestedAt, mergedInto, indexed);
    }

    /** The same header for a patient that has (or may have) entries in the event index now. */
    HistoryHeader withIndexed() {
        return indexed ? this : new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart,
                observationEnd, version, detailedEvents, due, lastIngestedAt, mergedInto, true);
    }

    /** Whether a merge retired this pseudonym: its history lives on under {@link #mergedInto()}. */
    boolean retired() {
        return mergedInto != null;
    }

    /** A retired header that a later, reversing merge makes a survivor again (its fields come with the transfer). */
    HistoryHeader reinstated() {
        return new HistoryHeader(birthDate, sex, demographicsAt, deathDate, observationStart, observationEnd, version,
                detailedEvents, due, lastIngestedAt, null, indexed);
    }

    /**
     * The header of a pseudonym retired into {@code survivor}: nothing but the version (one more change, due,
     * so the retirement is published) and the survivor. Its index entries left with the transfer.
     */
    HistoryHeader retiredInto(String survivor, Instant ingestedAt) {
        return new HistoryHeader(null, Sex.UNKNOWN, null, null, null, null, version + 1, 0, true,
                ObservationPeriod.later(lastIngestedAt, ingestedAt), survivor, false);
    }
}
