package org.adrdstream.streams.history;

import java.time.Instant;
import java.time.LocalDate;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.Sex;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.contract.SourceRef;

/** Clinical events for history tests. */
public final class Events {

    public static final Instant INGESTED = Instant.parse("2026-01-01T00:00:00Z");

    private Events() {
    }

    public static ClinicalEvent diagnosis(String patient, String eventId, Instant time, String icd10) {
        return event(patient, eventId, EventKind.DIAGNOSIS, time, new Code(CodeSystem.ICD10CM, icd10, null));
    }

    public static ClinicalEvent lab(String patient, String eventId, Instant time, String loinc, double value) {
        ClinicalEvent lab = event(patient, eventId, EventKind.LAB, time, new Code(CodeSystem.LOINC, loinc, null));
        lab.setValue(value);
        lab.setUnit("mg/dL");
        return lab;
    }

    public static ClinicalEvent demographics(String patient, String eventId, LocalDate birth, Sex sex) {
        ClinicalEvent event = event(patient, eventId, EventKind.DEMOGRAPHICS, birth.atStartOfDay().toInstant(
                java.time.ZoneOffset.UTC), null);
        event.setBirthDate(birth);
        event.setSex(sex);
        return event;
    }

    public static ClinicalEvent death(String patient, String eventId, Instant time) {
        return event(patient, eventId, EventKind.DEATH, time, null);
    }

    public static ClinicalEvent enrollment(String patient, String eventId, Instant start, Instant end) {
        ClinicalEvent event = event(patient, eventId, EventKind.ENROLLMENT, start, null);
        event.setEndTime(end);
        return event;
    }

    /** A merge retiring {@code retired} in favour of {@code survivor}, keyed (like every event) by the retired. */
    public static ClinicalEvent merge(String retired, String eventId, Instant time, String survivor) {
        ClinicalEvent event = event(retired, eventId, EventKind.MERGE, time, null);
        event.setMergedInto(survivor);
        return event;
    }

    /** A retraction of {@code original}: same event_id and kind, status ENTERED_IN_ERROR. */
    public static ClinicalEvent retraction(ClinicalEvent original) {
        return ClinicalEvent.newBuilder(original).setStatus(EventStatus.ENTERED_IN_ERROR).build();
    }

    public static ClinicalEvent event(String patient, String eventId, EventKind kind, Instant time, Code code) {
        return ClinicalEvent.newBuilder()
                .setEventId(eventId)
                .setPatientId(patient)
                .setKind(kind)
                .setTime(time)
                .setEndTime(null)
                .setIngestedAt(INGESTED)
                .setCode(code)
                .setValue(null)
                .setValueText(null)
                .setUnit(null)
                .setStatus(EventStatus.ACTIVE)
                .setSource(new SourceRef("test-feed", SourceFormat.SYNTHETIC, eventId))
                .setBirthDate(null)
                .setSex(null)
                .build();
    }
}
