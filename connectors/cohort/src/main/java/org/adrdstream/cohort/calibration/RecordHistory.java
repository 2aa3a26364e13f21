package org.adrdstream.cohort.calibration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.events.ClinicalEventMapper;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.SourceFormat;

/**
 * The complete PatientHistory of a generated record (every fact that was not retracted, no cap), built from
 * the generator's own facts: the calibration report labels patients with it through the platform's task
 * semantics, and end-to-end tests compare the histories the streams application assembles against it.
 */
public final class RecordHistory {

    private RecordHistory() {
    }

    /** @param feed the feed name the events were sent under (event ids as {@link ClinicalEventMapper#eventId}) */
    public static PatientHistory of(PatientRecord patient, String feed) {
        List<HistoryEvent> events = new ArrayList<>(patient.facts().size());
        Instant observationStart = null;
        Instant observationEnd = null;
        Instant last = null;
        for (RecordedFact fact : patient.facts()) {
            if (fact.isRetracted()) {
                continue;
            }
            switch (fact.kind()) {
                case ENROLLMENT -> {
                    observationStart = fact.time();
                    observationEnd = fact.endTime();
                }
                case DEMOGRAPHICS, DEATH -> { }
                default -> events.add(new HistoryEvent(ClinicalEventMapper.eventId(feed, patient, fact), fact.kind(), fact.time(),
                        fact.endTime(), fact.code() == null ? null : fact.code().toContract(), fact.value(), null,
                        fact.unit(), SourceFormat.SYNTHETIC));
            }
            last = fact.time();
        }
        var truth = patient.truth();
        boolean diedInRecord = truth.death() != null && !truth.death().isAfter(truth.enrolmentEnd());
        return PatientHistory.newBuilder()
                .setPatientId(patient.identity().pseudonym())
                .setBirthDate(truth.birthDate())
                .setSex(truth.sex())
                .setDeathDate(diedInRecord ? truth.death() : null)
                .setObservationStart(observationStart)
                .setObservationEnd(observationEnd)
                .setEvents(events)
                .setSummaries(List.of())
                .setVersion(events.size())
                .setLastEventTime(last)
                .setAssembledAt(last == null ? Instant.EPOCH : last)
                .build();
    }
}
