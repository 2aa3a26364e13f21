package org.adrdstream.streams.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rules of history assembly over the state stores. Each detailed event is its own store entry
 * (see {@link EventKeys}), so applying an event costs the same whatever the history's length; the
 * whole history is read back only when it is published.
 *
 * <p>Rules: an event_id seen before with identical content changes nothing; with other content it replaces
 * the earlier one. A retraction removes the event it names, and if it arrives first, the event is ignored
 * when it comes. DEMOGRAPHICS, DEATH and ENROLLMENT set header fields. Past the cap, the oldest detailed
 * events are folded into per-code summaries ({@link SummaryFolding}).
 */
final class PatientHistoryState {

    /** Index value of an event_id that was retracted. */
    static final long RETRACTED = Long.MIN_VALUE;

    private final KeyValueStore<Bytes, HistoryEvent> events;
    private final KeyValueStore<String, Long> index;
    private final KeyValueStore<String, HistoryHeader> headers;
    private final int maxDetailedEvents;

    PatientHistoryState(KeyValueStore<Bytes, HistoryEvent> events, KeyValueStore<String, Long> index,
                        KeyValueStore<String, HistoryHeader> headers, int maxDetailedEvents) {
        this.events = events;
        this.index = index;
        this.headers = headers;
        this.maxDetailedEvents = maxDetailedEvents;
    }

    /** The patient's birth date, if known, for validating event times. */
    LocalDate birthDate(String patient) {
        HistoryHeader header = headers.get(patient);
        return header == null ? null : header.history().getBirthDate();
    }

    /** Applies an assertion; returns whether the history changed. */
    boolean assertEvent(ClinicalEvent event) {
        String patient = event.getPatientId();
        String indexKey = EventKeys.indexKey(patient, event.getEventId());
        Long previous = index.get(indexKey);
        if (previous != null && previous == RETRACTED) {
            return false;
        }
        HistoryHeader header = header(patient);
        PatientHistory history = header.history();
        int detailed = header.detailedEvents();
        boolean changed;
        switch (event.getKind()) {
            case DEMOGRAPHICS -> changed = setDemographics(history, event);
            case DEATH -> changed = setIfDifferent(history.getDeathDate(), day(event.getTime()), history::setDeathDate);
            case ENROLLMENT -> changed = widenObservation(history, event);
            default -> {
                HistoryEvent detail = HistoryEvents.of(event);
                if (previous != null) {
                    Bytes oldKey = EventKeys.eventKey(patient, previous, event.getEventId());
                    HistoryEvent existing = events.get(oldKey);
                    if (existing == null || existing.equals(detail)) {
                        return false; // a re-send, or an update of an event already folded into a summary
                    }
                    events.delete(oldKey);
                    detailed--;
                }
                events.put(EventKeys.eventKey(patient, event.getTime().toEpochMilli(), event.getEventId()), detail);
                detailed = foldBeyondCap(patient, history, detailed + 1);
                changed = true;
            }
        }
        index.put(indexKey, event.getTime().toEpochMilli());
        if (changed) {
            save(patient, history, detailed);
        }
        return changed;
    }

    /** Applies a retraction of {@code event.event_id}; returns whether the history changed. */
    boolean retract(ClinicalEvent event) {
        String patient = event.getPatientId();
        String indexKey = EventKeys.indexKey(patient, event.getEventId());
        Long previous = index.get(indexKey);
        index.put(indexKey, RETRACTED);
        if (previous == null || previous == RETRACTED) {
            return false;
        }
        HistoryHeader header = header(patient);
        PatientHistory history = header.history();
        Bytes key = EventKeys.eventKey(patient, previous, event.getEventId());
        HistoryEvent existing = events.get(key);
        if (existing != null) {
            events.delete(key);
            save(patient, history, header.detailedEvents() - 1);
            return true;
        }
        boolean changed = event.getKind() == EventKind.DEATH
                ? setIfDifferent(history.getDeathDate(), null, history::setDeathDate)
                : SummaryFolding.unfold(history, event); // DEMOGRAPHICS and ENROLLMENT cannot be undone
        if (changed) {
            save(patient, history, header.detailedEvents());
        }
        return changed;
    }

    /** The full history as published: header fields, detailed events in time order, summaries. */
    PatientHistory assemble(String patient, Instant now) {
        HistoryHeader header = header(patient);
        List<HistoryEvent> detailed = new ArrayList<>(header.detailedEvents());
        try (KeyValueIterator<Bytes, HistoryEvent> scan =
                     events.prefixScan(EventKeys.patientPrefix(patient), Serdes.Bytes().serializer())) {
            scan.forEachRemaining(entry -> detailed.add(entry.value));
        }
        PatientHistory history = PatientHistory.newBuilder(header.history()).setEvents(detailed)
                .setAssembledAt(now).build();
        ObservationPeriod.fill(history);
        return history;
    }

    private int foldBeyondCap(String patient, PatientHistory history, int detailed) {
        while (detailed > maxDetailedEvents) {
            KeyValue<Bytes, HistoryEvent> oldest;
            try (KeyValueIterator<Bytes, HistoryEvent> scan =
                         events.prefixScan(EventKeys.patientPrefix(patient), Serdes.Bytes().serializer())) {
                oldest = scan.next();
            }
            events.delete(oldest.key);
            SummaryFolding.fold(history, oldest.value);
            detailed--;
        }
        return detailed;
    }

    private HistoryHeader header(String patient) {
        HistoryHeader header = headers.get(patient);
        return header != null ? header : new HistoryHeader(HistoryEvents.emptyHistory(patient), 0);
    }

    private void save(String patient, PatientHistory history, int detailed) {
        history.setVersion(history.getVersion() + 1);
        headers.put(patient, new HistoryHeader(history, detailed));
    }

    private static boolean setDemographics(PatientHistory history, ClinicalEvent event) {
        boolean changed = event.getBirthDate() != null
                && setIfDifferent(history.getBirthDate(), event.getBirthDate(), history::setBirthDate);
        Sex sex = event.getSex();
        return (sex != null && setIfDifferent(history.getSex(), sex, history::setSex)) || changed;
    }

    private static boolean widenObservation(PatientHistory history, ClinicalEvent event) {
        Instant start = history.getObservationStart();
        Instant end = history.getObservationEnd();
        boolean changed = false;
        if (start == null || event.getTime().isBefore(start)) {
            history.setObservationStart(event.getTime());
            changed = true;
        }
        if (event.getEndTime() != null && (end == null || event.getEndTime().isAfter(end))) {
            history.setObservationEnd(event.getEndTime());
            changed = true;
        }
        return changed;
    }

    private static <T> boolean setIfDifferent(T current, T next, java.util.function.Consumer<T> setter) {
        if (Objects.equals(current, next)) {
            return false;
        }
        setter.accept(next);
        return true;
    }

    private static LocalDate day(Instant time) {
        return time.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
