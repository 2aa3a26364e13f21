package org.adrdstream.streams.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.HistoryEvent;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rules of history assembly over the state stores, written so that applying an event costs the same
 * whatever the history's length (DESIGN section 5): a lookup and a write of the event's own entry, and a
 * rewrite of the patient's ~40-byte header (plus a lookup in the event index once the patient has entries
 * there: {@link HistoryHeader#indexed()}). The whole history is read only when it is published, and
 * the cap is enforced then, by folding the oldest detailed events into per-code summaries.
 *
 * <p>Rules: an event_id seen before with identical content changes nothing; with other content it replaces
 * the earlier one. A retraction removes the event it names, and if it arrives first, the event is ignored
 * when it comes. Retracted and folded event_ids are recognised for the re-send horizon ({@link EventIndex}).
 * DEMOGRAPHICS, DEATH and ENROLLMENT set header fields. A MERGE retires the patient: its entries leave the
 * stores in a {@link MergeMessage.Transfer}, which the survivor absorbs (docs/streams.md, "Merges").
 */
final class PatientHistoryState {

    /**
     * Headers kept in memory per task, most recently used first: about 300 bytes each, so ~6 MB a task. A
     * patient's events tend to come together (one visit, one message), and each needs the header.
     */
    static final int RECENT_HEADERS = 20_000;

    private final KeyValueStore<Bytes, byte[]> events;
    private final EventIndex index;
    private final KeyValueStore<String, HistoryHeader> headers;
    private final KeyValueStore<String, List<CodeSummary>> summaries;
    private final int maxDetailedEvents;
    /**
     * Written through: every header written goes to the store and here, so an entry always equals the store's.
     * Made anew with the state when the task (re)initialises, e.g. after its stores were restored.
     */
    private final Map<String, HistoryHeader> recentHeaders = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HistoryHeader> eldest) {
            return size() > RECENT_HEADERS;
        }
    };

    PatientHistoryState(KeyValueStore<Bytes, byte[]> events, EventIndex index,
                        KeyValueStore<String, HistoryHeader> headers, KeyValueStore<String, List<CodeSummary>> summaries,
                        int maxDetailedEvents) {
        this.events = events;
        this.index = index;
        this.headers = headers;
        this.summaries = summaries;
        this.maxDetailedEvents = maxDetailedEvents;
    }

    /** The patient's header (an empty one for a new patient). */
    HistoryHeader header(String patient) {
        HistoryHeader header = recentHeaders.get(patient);
        if (header == null) {
            HistoryHeader stored = headers.get(patient);
            header = stored == null ? HistoryHeader.EMPTY : stored;
            recentHeaders.put(patient, header);
        }
        return header;
    }

    /** Applies an assertion to {@code header}'s patient; returns whether the history changed. */
    boolean assertEvent(ClinicalEvent event, HistoryHeader header) {
        String patient = event.getPatientId();
        Bytes key = EventKeys.eventKey(patient, event.getEventId());
        if (header.indexed() && index.marker(key) != null) {
            return false; // retracted, or already applied and folded into a summary
        }
        HistoryHeader next = switch (event.getKind()) {
            case DEMOGRAPHICS -> header.withDemographics(event.getBirthDate(), event.getSex(), event.getTime());
            case DEATH -> {
                index.markDeath(key); // so that only this event's retraction clears the date
                yield header.withDeath(day(event.getTime())).withIndexed();
            }
            case ENROLLMENT -> header.withObservation(
                    ObservationPeriod.earlier(header.observationStart(), event.getTime()),
                    ObservationPeriod.later(header.observationEnd(), event.getEndTime()));
            default -> null;
        };
        if (next != null) {
            return !next.equals(header) && changed(event, next, header.detailedEvents());
        }
        byte[] detail = StoredEvents.EVENT.serialize(null, HistoryEvents.of(event));
        byte[] existing = events.get(key);
        if (Arrays.equals(existing, detail)) {
            return false; // a re-send
        }
        events.put(key, detail);
        return changed(event, header, header.detailedEvents() + (existing == null ? 1 : 0));
    }

    /** Applies a retraction of {@code event.event_id} at wall-clock {@code nowMs}; returns whether the history changed. */
    boolean retract(ClinicalEvent event, HistoryHeader header, long nowMs) {
        String patient = event.getPatientId();
        Bytes key = EventKeys.eventKey(patient, event.getEventId());
        EventIndex.Marker marker = header.indexed() ? index.marker(key) : null;
        if (marker != null && marker.kind() == EventIndex.Kind.RETRACTED) {
            return false;
        }
        index.markRetracted(key, nowMs);
        HistoryHeader indexed = header.withIndexed();
        if (events.get(key) != null) {
            events.delete(key);
            return changed(event, indexed, header.detailedEvents() - 1);
        }
        if (marker != null && marker.kind() == EventIndex.Kind.DEATH) {
            return header.deathDate() != null && changed(event, indexed.withDeath(null), header.detailedEvents());
        }
        if (marker != null) { // folded: take it back out of its summary
            List<CodeSummary> folded = summaries(patient);
            if (!SummaryFolding.unfold(folded, marker.eventKind(), marker.code())) {
                return false;
            }
            summaries.put(patient, folded);
            return changed(event, indexed, header.detailedEvents());
        }
        if (!header.indexed()) { // no change to the history, but the event must meet its marker when it comes
            putHeader(patient, indexed);
        }
        return false; // not seen yet (now suppressed), or DEMOGRAPHICS/ENROLLMENT, which cannot be undone
    }

    /**
     * Retires {@code event.patient_id} in favour of {@code event.merged_into}: removes every entry the patient
     * holds (detailed events, index markers, summaries) and returns them for the survivor; the header stays,
     * naming the survivor, due for publishing (as a tombstone).
     */
    MergeMessage.Transfer retire(ClinicalEvent event, HistoryHeader header) {
        String patient = event.getPatientId();
        Bytes prefix = EventKeys.patientPrefix(patient);
        List<MergeMessage.Transfer.Entry> detailed = EventKeys.removeAll(events, prefix);
        List<MergeMessage.Transfer.Entry> markers = index.removeAll(prefix);
        List<CodeSummary> folded = summaries(patient);
        summaries.delete(patient);
        putHeader(patient, header.retiredInto(event.getMergedInto(), event.getIngestedAt()));
        // the header as the merge changed it: the survivor measures latency from the merge's ingestion
        byte[] moved = HistoryHeaderSerde.write(header.changed(header.detailedEvents(), event.getIngestedAt()));
        return new MergeMessage.Transfer(patient, event.getMergedInto(), 0, moved, detailed, markers, folded);
    }

    /**
     * Takes a retired patient's history into the survivor's ({@code transfer.survivor}, holding {@code header}):
     * events the survivor retracted or folded stay out, events it holds keep its copy, retractions and folds of
     * the retired history apply to the survivor's copies, summaries add up, the newest demographics win, a
     * death date is taken when the survivor has none, and the observation period widens. One change: version
     * + 1.
     */
    void absorb(MergeMessage.Transfer transfer, HistoryHeader header) {
        String survivor = transfer.survivor();
        int detailed = header.detailedEvents();
        for (MergeMessage.Transfer.Entry entry : transfer.events()) {
            Bytes key = EventKeys.eventKey(survivor, entry.eventId());
            if (index.marker(key) == null && events.get(key) == null) {
                events.put(key, entry.value());
                detailed++;
            }
        }
        List<CodeSummary> folded = summaries(survivor);
        SummaryFolding.add(folded, transfer.summaries());
        HistoryHeader retired = HistoryHeaderSerde.read(transfer.header());
        boolean takesDeath = header.deathDate() == null && retired.deathDate() != null;
        HistoryHeader next = takesDeath ? header.withDeath(retired.deathDate()) : header;
        for (MergeMessage.Transfer.Entry entry : transfer.markers()) {
            Bytes key = EventKeys.eventKey(survivor, entry.eventId());
            EventIndex.Marker marker = EventIndex.decode(entry.value());
            if (marker.kind() == EventIndex.Kind.DEATH) {
                if (takesDeath) { // every DEATH of the retired history, as if it had arrived here
                    index.markDeath(key);
                }
            } else if (events.get(key) != null) { // retracted there, or counted in the retired summaries
                events.delete(key);
                detailed--;
                index.restore(key, entry.value());
            } else {
                absorbMarker(key, marker, entry.value(), folded);
            }
        }
        summaries.put(survivor, folded);
        if (!transfer.markers().isEmpty()) {
            next = next.withIndexed();
        }
        if (retired.demographicsAt() != null) {
            next = next.withDemographics(retired.birthDate(), retired.sex(), retired.demographicsAt());
        }
        next = next.withObservation(ObservationPeriod.earlier(next.observationStart(), retired.observationStart()),
                ObservationPeriod.later(next.observationEnd(), retired.observationEnd()));
        putHeader(survivor, next.changed(detailed, retired.lastIngestedAt()));
    }

    /**
     * A retraction or fold marker of the retired history for an event_id the survivor does not hold in detail:
     * each event is counted at most once in the merged summaries, and a retraction on either side wins.
     */
    private void absorbMarker(Bytes key, EventIndex.Marker marker, byte[] value, List<CodeSummary> folded) {
        EventIndex.Marker own = index.marker(key);
        if (own == null) {
            index.restore(key, value);
        } else if (own.kind() == EventIndex.Kind.FOLDED) { // folded twice, or folded here and retracted there
            SummaryFolding.unfold(folded, own.eventKind(), own.code());
            index.restore(key, value);
        } else if (own.kind() == EventIndex.Kind.RETRACTED && marker.kind() == EventIndex.Kind.FOLDED) {
            SummaryFolding.unfold(folded, marker.eventKind(), marker.code()); // retracted here: out of the count
        }
    }

    /**
     * The full history as published (wire-format bytes), after folding events past the cap; clears the due
     * mark. Null (a tombstone) for a patient retired by a merge.
     */
    byte[] publish(String patient, Instant now, PublishedHistoryEncoder encoder) {
        HistoryHeader header = header(patient);
        if (header.retired()) {
            putHeader(patient, header.published(0));
            return null;
        }
        List<StoredEvents.Stored> detailed = StoredEvents.of(events, patient);
        List<CodeSummary> folded = summaries(patient);
        if (detailed.size() > maxDetailedEvents) {
            header = header.withIndexed();
            List<StoredEvents.Stored> oldest = detailed.subList(0, detailed.size() - maxDetailedEvents);
            for (StoredEvents.Stored entry : oldest) {
                HistoryEvent event = entry.event();
                index.markFolded(entry.key(), event, now.toEpochMilli());
                events.delete(entry.key());
                SummaryFolding.fold(folded, event);
            }
            oldest.clear();
            summaries.put(patient, folded);
        }
        putHeader(patient, header.published(detailed.size()));
        return encoder.encode(patient, header, detailed, folded, now);
    }

    private void putHeader(String patient, HistoryHeader header) {
        headers.put(patient, header);
        recentHeaders.put(patient, header);
    }

    private List<CodeSummary> summaries(String patient) {
        List<CodeSummary> folded = summaries.get(patient);
        return folded == null ? new ArrayList<>() : folded;
    }

    /** Records one applied change: version + 1, the new detailed count, due for publishing. */
    private boolean changed(ClinicalEvent event, HistoryHeader header, int detailed) {
        putHeader(event.getPatientId(), header.changed(detailed, event.getIngestedAt()));
        return true;
    }

    private static LocalDate day(Instant time) {
        return time.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
