package org.adrdstream.cohort.care;

import java.time.Instant;
import java.util.Objects;

import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.cohort.vocabulary.Measurements;
import org.adrdstream.contract.EventKind;

/**
 * One thing the health system recorded about a patient, before it is rendered in a format: the same fact
 * becomes a FHIR resource, an HL7 segment, an OMOP row or a ClinicalEvent.
 *
 * @param recordId       the source system's record id, stable across formats (FHIR id, HL7 control id, row id)
 * @param kind           what kind of clinical event it is
 * @param time           clinical time
 * @param endTime        end of an encounter or enrolment; null otherwise
 * @param code           the code; null for DEMOGRAPHICS, ENROLLMENT and DEATH
 * @param measurement    the lab, vital sign or score for LAB and OBSERVATION facts; else null
 * @param value          numeric result; null when there is none
 * @param encounterId    record id of the encounter it was recorded in; null outside encounters
 * @param encounterClass setting, for ENCOUNTER facts; else null
 * @param recordedAt     when the source system recorded it (ingestion time of the first sending)
 * @param retractedAt    when it was marked entered-in-error; null if it never was
 * @param resent         whether the source sends it twice (a duplicate the pipeline must absorb)
 */
public record RecordedFact(String recordId, EventKind kind, Instant time, Instant endTime, ClinicalCode code,
                           Measurements measurement, Double value, String encounterId, EncounterClass encounterClass,
                           Instant recordedAt, Instant retractedAt, boolean resent) {

    public RecordedFact {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public boolean isRetracted() {
        return retractedAt != null;
    }

    public String unit() {
        return measurement == null ? null : measurement.unit();
    }

    RecordedFact withNoise(Instant retractedAt, boolean resent) {
        return new RecordedFact(recordId, kind, time, endTime, code, measurement, value, encounterId, encounterClass,
                recordedAt, retractedAt, resent);
    }
}
