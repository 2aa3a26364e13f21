package org.adrdstream.cohort.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.fhir.FhirResourceType;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.contract.SourceRef;

/**
 * A patient's record as the ClinicalEvents a feed would send, in the order it would send them (ingestion
 * time): every fact once, a second copy of the facts the source re-sends, and an ENTERED_IN_ERROR event with
 * the same event id for each retracted fact. Event ids are {@code feed:ResourceType/id}, the ids the FHIR
 * connector gives the same records read from the FHIR output, so the two paths deduplicate into one.
 */
public final class ClinicalEventMapper {

    /** How long after the first sending a source re-sends a record. */
    static final Duration RESEND_DELAY = Duration.ofHours(6);

    private final String feed;

    public ClinicalEventMapper(String feed) {
        this.feed = feed;
    }

    public List<ClinicalEvent> events(PatientRecord patient) {
        List<ClinicalEvent> events = new ArrayList<>(patient.facts().size() + 8);
        for (RecordedFact fact : patient.facts()) {
            events.add(event(patient, fact, EventStatus.ACTIVE, fact.recordedAt()));
            if (fact.resent()) {
                events.add(event(patient, fact, EventStatus.ACTIVE, fact.recordedAt().plus(RESEND_DELAY)));
            }
            if (fact.isRetracted()) {
                events.add(event(patient, fact, EventStatus.ENTERED_IN_ERROR, fact.retractedAt()));
            }
        }
        events.sort(Comparator.comparing(ClinicalEvent::getIngestedAt));
        return events;
    }

    /** The event id of a fact: {@code feed:} + its FHIR-style record reference. */
    public static String eventId(String feed, PatientRecord patient, RecordedFact fact) {
        return feed + ":" + recordRef(patient, fact);
    }

    /** {@code ResourceType/id}; demographics and death are the Patient resource and its deceased field. */
    static String recordRef(PatientRecord patient, RecordedFact fact) {
        return switch (fact.kind()) {
            case DEMOGRAPHICS -> "Patient/" + FhirResourceType.patientId(patient);
            case DEATH -> "Patient/" + FhirResourceType.patientId(patient) + "#deceased";
            default -> FhirResourceType.of(fact.kind()) + "/" + fact.recordId();
        };
    }

    private ClinicalEvent event(PatientRecord patient, RecordedFact fact, EventStatus status, Instant ingestedAt) {
        ClinicalEvent.Builder event = ClinicalEvent.newBuilder()
                .setEventId(eventId(feed, patient, fact))
                .setPatientId(patient.identity().pseudonym())
                .setKind(fact.kind())
                .setTime(fact.time())
                .setEndTime(fact.endTime())
                .setIngestedAt(ingestedAt)
                .setCode(fact.code() == null ? null : fact.code().toContract())
                .setValue(fact.value())
                .setValueText(null)
                .setUnit(fact.unit())
                .setStatus(status)
                .setSource(new SourceRef(feed, SourceFormat.SYNTHETIC, recordRef(patient, fact)))
                .setBirthDate(null)
                .setSex(null);
        if (fact.kind() == EventKind.DEMOGRAPHICS) {
            event.setBirthDate(patient.truth().birthDate()).setSex(patient.truth().sex());
        }
        return event.build();
    }
}
