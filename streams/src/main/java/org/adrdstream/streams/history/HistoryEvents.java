package org.adrdstream.streams.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;

/** Conversions between the ingested {@link ClinicalEvent}, the stored state and the published history. */
final class HistoryEvents {

    private HistoryEvents() {
    }

    /** The clinical content of an event, without its transport fields (ingestion time, source locator). */
    static HistoryEvent of(ClinicalEvent event) {
        return HistoryEvent.newBuilder()
                .setEventId(event.getEventId())
                .setKind(event.getKind())
                .setTime(event.getTime())
                .setEndTime(event.getEndTime())
                .setCode(event.getCode())
                .setValue(event.getValue())
                .setValueText(event.getValueText())
                .setUnit(event.getUnit())
                .setFormat(event.getSource().getFormat())
                .build();
    }

    /**
     * The published history: header fields, detailed events in time order, summaries; {@code last_event_time}
     * and the observation period completed as {@link ObservationPeriod} describes.
     */
    static PatientHistory history(String patient, HistoryHeader header, List<HistoryEvent> detailed,
                                  List<CodeSummary> summaries, Instant now) {
        PatientHistory history = PatientHistory.newBuilder()
                .setPatientId(patient)
                .setBirthDate(header.birthDate())
                .setSex(header.sex())
                .setDeathDate(header.deathDate())
                .setObservationStart(header.observationStart())
                .setObservationEnd(header.observationEnd())
                .setEvents(new ArrayList<>(detailed))
                .setSummaries(new ArrayList<>(summaries))
                .setVersion(header.version())
                .setLastEventTime(null)
                .setAssembledAt(now)
                .setLastIngestedAt(header.lastIngestedAt())
                .build();
        ObservationPeriod.fill(history);
        return history;
    }
}
