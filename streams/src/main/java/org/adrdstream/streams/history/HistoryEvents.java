package org.adrdstream.streams.history;

import java.time.Instant;
import java.util.ArrayList;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;

/** Conversions between the ingested {@link ClinicalEvent} and what a {@link PatientHistory} keeps. */
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

    /** A history with nothing in it yet. */
    static PatientHistory emptyHistory(String patient) {
        return PatientHistory.newBuilder()
                .setPatientId(patient)
                .setBirthDate(null)
                .setSex(Sex.UNKNOWN)
                .setDeathDate(null)
                .setObservationStart(null)
                .setObservationEnd(null)
                .setEvents(new ArrayList<>())
                .setSummaries(new ArrayList<>())
                .setVersion(0)
                .setLastEventTime(null)
                .setAssembledAt(Instant.EPOCH)
                .build();
    }
}
