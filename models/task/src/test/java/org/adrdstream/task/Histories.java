package org.adrdstream.task;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;
import org.adrdstream.contract.SourceFormat;

/** Builds small histories for task tests. */
public final class Histories {

    private final List<HistoryEvent> events = new ArrayList<>();
    private final List<CodeSummary> summaries = new ArrayList<>();
    private LocalDate birth = LocalDate.of(1940, 1, 1);
    private LocalDate death;
    private Instant observationEnd;

    public static Histories patient() {
        return new Histories();
    }

    public Histories born(LocalDate date) {
        birth = date;
        return this;
    }

    public Histories died(LocalDate date) {
        death = date;
        return this;
    }

    public Histories observedUntil(Instant end) {
        observationEnd = end;
        return this;
    }

    public Histories event(Instant time, CodeSystem system, String code) {
        EventKind kind = system == CodeSystem.RXNORM || system == CodeSystem.ATC ? EventKind.MEDICATION
                : system == CodeSystem.LOINC ? EventKind.LAB : EventKind.DIAGNOSIS;
        return event(time, kind, new Code(system, code, null));
    }

    public Histories event(Instant time, EventKind kind, Code code) {
        events.add(HistoryEvent.newBuilder().setEventId("e" + events.size()).setKind(kind).setTime(time)
                .setEndTime(null).setCode(code).setValue(null).setValueText(null).setUnit(null)
                .setFormat(SourceFormat.SYNTHETIC).build());
        return this;
    }

    public Histories summary(Instant first, Instant last, CodeSystem system, String code) {
        summaries.add(CodeSummary.newBuilder().setKind(EventKind.DIAGNOSIS).setCode(new Code(system, code, null))
                .setCount(3).setFirstTime(first).setLastTime(last).setLastValue(null).setUnit(null).build());
        return this;
    }

    public PatientHistory build() {
        events.sort(Comparator.comparing(HistoryEvent::getTime));
        Instant last = events.isEmpty() ? null : events.get(events.size() - 1).getTime();
        return PatientHistory.newBuilder().setPatientId("p-1").setBirthDate(birth).setSex(Sex.FEMALE)
                .setDeathDate(death).setObservationStart(null).setObservationEnd(observationEnd)
                .setEvents(new ArrayList<>(events)).setSummaries(new ArrayList<>(summaries))
                .setVersion(events.size()).setLastEventTime(last).setAssembledAt(Instant.EPOCH).build();
    }
}
