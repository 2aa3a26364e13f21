package org.adrdstream.streams.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;

/**
 * Decides whether an event may enter a history and, if not, says why in words a feed engineer can act on.
 * Unknown kinds and code systems never get here: Avro refuses them when the record is read, and the
 * deserialization handler dead-letters them.
 */
final class EventValidator {

    /** Clinical times before this are data-entry errors, not history. */
    static final Instant EARLIEST_PLAUSIBLE = Instant.parse("1900-01-01T00:00:00Z");
    private static final Set<EventKind> NEED_CODE =
            EnumSet.of(EventKind.DIAGNOSIS, EventKind.MEDICATION, EventKind.LAB, EventKind.PROCEDURE);

    private final Duration futureTolerance;

    EventValidator(Duration futureTolerance) {
        this.futureTolerance = futureTolerance;
    }

    /**
     * Why {@code event}, read under record key {@code key}, cannot be applied; empty when it can.
     *
     * @param birthDate the patient's known birth date, or null
     * @param now       processing time
     */
    Optional<String> problem(String key, ClinicalEvent event, LocalDate birthDate, Instant now) {
        String patient = event.getPatientId();
        if (patient == null || patient.isBlank()) {
            return Optional.of("missing patient pseudonym (patient_id)");
        }
        if (patient.indexOf('\u0000') >= 0) {
            return Optional.of("patient pseudonym contains a NUL character");
        }
        if (key == null) {
            return Optional.of("record without a key: events must be keyed by the patient pseudonym '" + patient
                    + "', or the patient's events spread over partitions");
        }
        if (!key.equals(patient)) {
            return Optional.of("record key '" + key + "' differs from patient_id '" + patient
                    + "': events must be keyed by the patient pseudonym");
        }
        if (event.getEventId() == null || event.getEventId().isBlank()) {
            return Optional.of("missing event_id");
        }
        if (event.getKind() == EventKind.MERGE || event.getMergedInto() != null) {
            Optional<String> merge = mergeProblem(event);
            if (merge.isPresent()) {
                return merge;
            }
        }
        if (event.getStatus() == EventStatus.ENTERED_IN_ERROR) {
            return Optional.empty(); // a retraction only needs to name the event it retracts
        }
        return timeProblem(event, birthDate, now).or(() -> contentProblem(event));
    }

    private static Optional<String> mergeProblem(ClinicalEvent event) {
        String survivor = event.getMergedInto();
        if (event.getKind() != EventKind.MERGE) {
            return Optional.of("merged_into is set on a " + event.getKind() + " event: only MERGE events name a "
                    + "surviving patient");
        }
        if (event.getStatus() == EventStatus.ENTERED_IN_ERROR) {
            return Optional.of("a merge cannot be retracted (unlinking, HL7 ADT^A37, is not supported): send the "
                    + "records again under the identifiers they belong to, to a rebuilt history");
        }
        if (survivor == null || survivor.isBlank() || survivor.indexOf('\u0000') >= 0) {
            return Optional.of("MERGE event without a surviving patient pseudonym (merged_into)");
        }
        if (survivor.equals(event.getPatientId())) {
            return Optional.of("MERGE event merges patient " + survivor + " into itself");
        }
        return Optional.empty();
    }

    private Optional<String> timeProblem(ClinicalEvent event, LocalDate birthDate, Instant now) {
        Instant time = event.getTime();
        if (time.isAfter(now.plus(futureTolerance))) {
            return Optional.of("time " + time + " is more than " + futureTolerance.toHours()
                    + " h after the processing time " + now);
        }
        if (time.isBefore(EARLIEST_PLAUSIBLE)) {
            return Optional.of("time " + time + " is before " + EARLIEST_PLAUSIBLE);
        }
        LocalDate birth = event.getKind() == EventKind.DEMOGRAPHICS ? event.getBirthDate() : birthDate;
        LocalDate day = time.atZone(ZoneOffset.UTC).toLocalDate();
        if (birth != null && event.getKind() != EventKind.DEMOGRAPHICS && day.isBefore(birth)) {
            return Optional.of("time " + time + " is before the patient's birth date " + birth);
        }
        if (event.getEndTime() != null && event.getEndTime().isBefore(time)) {
            return Optional.of("end_time " + event.getEndTime() + " is before time " + time);
        }
        if (event.getEndTime() != null && event.getEndTime().isAfter(now.plus(futureTolerance))) {
            // An enrolment end in the future would count as observation that has not happened yet.
            return Optional.of("end_time " + event.getEndTime() + " is more than " + futureTolerance.toHours()
                    + " h after the processing time " + now);
        }
        return Optional.empty();
    }

    private static Optional<String> contentProblem(ClinicalEvent event) {
        if (NEED_CODE.contains(event.getKind()) && event.getCode() == null) {
            return Optional.of(event.getKind() + " event without a code");
        }
        if (event.getKind() == EventKind.DEMOGRAPHICS && event.getBirthDate() == null && event.getSex() == null) {
            return Optional.of("DEMOGRAPHICS event with neither birth_date nor sex");
        }
        return PlausibleValues.problem(event);
    }
}
