package org.adrdstream.cohort.fhir;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonGenerator;
import org.adrdstream.cohort.care.PatientIdentity;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.Sex;

/**
 * Renders facts as FHIR R4 resources (JSON) with a streaming generator: far faster than building HAPI model
 * objects, and checked against HAPI's parser in the tests. A retracted fact is written in its final state
 * (status entered-in-error), as a server or a bulk export would return it.
 */
final class FhirResources {

    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String LOINC = "http://loinc.org";
    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String UCUM = "http://unitsofmeasure.org";

    private final String mrnSystem;

    FhirResources(String feed) {
        this.mrnSystem = PatientIdentity.mrnSystem(feed);
    }

    void patient(JsonGenerator json, PatientRecord patient) throws IOException {
        json.writeStartObject();
        json.writeStringField("resourceType", "Patient");
        json.writeStringField("id", FhirResourceType.patientId(patient));
        json.writeArrayFieldStart("identifier");
        json.writeStartObject();
        json.writeStringField("use", "usual");
        json.writeObjectFieldStart("type");
        coding(json, "http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number");
        json.writeEndObject();
        json.writeStringField("system", mrnSystem);
        json.writeStringField("value", patient.identity().mrn());
        json.writeEndObject();
        json.writeEndArray();
        json.writeArrayFieldStart("name");
        json.writeStartObject();
        json.writeStringField("family", patient.identity().familyName());
        json.writeArrayFieldStart("given");
        json.writeString(patient.identity().givenName());
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeStringField("gender", patient.truth().sex() == Sex.MALE ? "male" : "female");
        json.writeStringField("birthDate", patient.truth().birthDate().toString());
        LocalDate death = patient.truth().death();
        if (death != null && !death.isAfter(patient.truth().enrolmentEnd())) {
            json.writeStringField("deceasedDateTime", death.atTime(LocalTime.NOON).atOffset(ZoneOffset.UTC).toString());
        }
        json.writeArrayFieldStart("address");
        json.writeStartObject();
        json.writeArrayFieldStart("line");
        json.writeString(patient.identity().street());
        json.writeEndArray();
        json.writeStringField("city", patient.identity().city());
        json.writeStringField("state", patient.identity().state());
        json.writeStringField("postalCode", patient.identity().postalCode());
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The resource of a fact that is not folded into the Patient resource. */
    void resource(JsonGenerator json, PatientRecord patient, RecordedFact fact) throws IOException {
        String type = FhirResourceType.of(fact.kind());
        json.writeStartObject();
        json.writeStringField("resourceType", type);
        json.writeStringField("id", fact.recordId());
        switch (fact.kind()) {
            case ENCOUNTER -> encounter(json, patient, fact);
            case DIAGNOSIS -> condition(json, patient, fact);
            case MEDICATION -> medicationRequest(json, patient, fact);
            case LAB, OBSERVATION -> observation(json, patient, fact);
            case PROCEDURE -> procedure(json, patient, fact);
            case ENROLLMENT -> coverage(json, patient, fact);
            default -> throw new IllegalArgumentException(fact.kind() + " is not a resource of its own");
        }
        json.writeEndObject();
    }

    private void encounter(JsonGenerator json, PatientRecord patient, RecordedFact fact) throws IOException {
        json.writeStringField("status", fact.isRetracted() ? "entered-in-error" : "finished");
        json.writeObjectFieldStart("class");
        codingFields(json, ACT_CODE, fact.encounterClass().actCode(), fact.encounterClass().display());
        json.writeEndObject();
        subject(json, patient);
        json.writeObjectFieldStart("period");
        json.writeStringField("start", fact.time().toString());
        json.writeStringField("end", fact.endTime().toString());
        json.writeEndObject();
    }

    private void condition(JsonGenerator json, PatientRecord patient, RecordedFact fact) throws IOException {
        if (!fact.isRetracted()) { // con-5: no clinical status on a condition entered in error
            json.writeObjectFieldStart("clinicalStatus");
            coding(json, "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active");
            json.writeEndObject();
        }
        json.writeObjectFieldStart("verificationStatus");
        if (fact.isRetracted()) {
            coding(json, "http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error", "Entered in Error");
        } else {
            coding(json, "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed");
        }
        json.writeEndObject();
        json.writeArrayFieldStart("category");
        json.writeStartObject();
        coding(json, "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "Encounter Diagnosis");
        json.writeEndObject();
        json.writeEndArray();
        code(json, "code", fact.code());
        subject(json, patient);
        encounterReference(json, fact);
        json.writeStringField("onsetDateTime", fact.time().toString());
        json.writeStringField("recordedDate", fact.recordedAt().toString());
    }

    private void medicationRequest(JsonGenerator json, PatientRecord patient, RecordedFact fact) throws IOException {
        json.writeStringField("status", fact.isRetracted() ? "entered-in-error" : "active");
        json.writeStringField("intent", "order");
        code(json, "medicationCodeableConcept", fact.code());
        subject(json, patient);
        encounterReference(json, fact);
        json.writeStringField("authoredOn", fact.time().toString());
    }

    private void observation(JsonGenerator json, PatientRecord patient, RecordedFact fact) throws IOException {
        json.writeStringField("status", fact.isRetracted() ? "entered-in-error" : "final");
        json.writeArrayFieldStart("category");
        json.writeStartObject();
        String category = fact.measurement().isCognitiveScore() ? "survey"
                : fact.kind() == EventKind.LAB ? "laboratory" : "vital-signs";
        coding(json, "http://terminology.hl7.org/CodeSystem/observation-category", category, null);
        json.writeEndObject();
        json.writeEndArray();
        code(json, "code", fact.code());
        subject(json, patient);
        encounterReference(json, fact);
        json.writeStringField("effectiveDateTime", fact.time().toString());
        json.writeStringField("issued", fact.recordedAt().toString());
        json.writeObjectFieldStart("valueQuantity");
        json.writeNumberField("value", fact.value());
        json.writeStringField("unit", fact.unit());
        json.writeStringField("system", UCUM);
        json.writeStringField("code", fact.unit());
        json.writeEndObject();
    }

    private void procedure(JsonGenerator json, PatientRecord patient, RecordedFact fact) throws IOException {
        json.writeStringField("status", fact.isRetracted() ? "entered-in-error" : "completed");
        code(json, "code", fact.code());
        subject(json, patient);
        encounterReference(json, fact);
        json.writeStringField("performedDateTime", fact.time().toString());
    }

    /** Enrolment: the coverage period is the span the health system observes the patient. */
    private void coverage(JsonGenerator json, PatientRecord patient, RecordedFact fact) throws IOException {
        json.writeStringField("status", "active");
        json.writeObjectFieldStart("beneficiary");
        json.writeStringField("reference", "Patient/" + FhirResourceType.patientId(patient));
        json.writeEndObject();
        json.writeObjectFieldStart("period");
        json.writeStringField("start", fact.time().toString());
        json.writeStringField("end", fact.endTime().toString());
        json.writeEndObject();
        json.writeArrayFieldStart("payor");
        json.writeStartObject();
        json.writeStringField("display", "Synthetic Health Plan");
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void subject(JsonGenerator json, PatientRecord patient) throws IOException {
        json.writeObjectFieldStart("subject");
        json.writeStringField("reference", "Patient/" + FhirResourceType.patientId(patient));
        json.writeEndObject();
    }

    private static void encounterReference(JsonGenerator json, RecordedFact fact) throws IOException {
        if (fact.encounterId() != null) {
            json.writeObjectFieldStart("encounter");
            json.writeStringField("reference", "Encounter/" + fact.encounterId());
            json.writeEndObject();
        }
    }

    private static void code(JsonGenerator json, String field, ClinicalCode code) throws IOException {
        json.writeObjectFieldStart(field);
        coding(json, system(code), code.value(), code.display());
        json.writeStringField("text", code.display());
        json.writeEndObject();
    }

    /** A {@code "coding": [ {...} ]} member of the object being written. */
    private static void coding(JsonGenerator json, String system, String code, String display) throws IOException {
        json.writeArrayFieldStart("coding");
        json.writeStartObject();
        codingFields(json, system, code, display);
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void codingFields(JsonGenerator json, String system, String code, String display) throws IOException {
        json.writeStringField("system", system);
        json.writeStringField("code", code);
        if (display != null) {
            json.writeStringField("display", display);
        }
    }

    static String system(ClinicalCode code) {
        return switch (code.system()) {
            case ICD10CM -> ICD10CM;
            case RXNORM -> RXNORM;
            case LOINC -> LOINC;
            case CPT -> CPT;
            case SNOMEDCT -> "http://snomed.info/sct";
            case ICD9CM -> "http://hl7.org/fhir/sid/icd-9-cm";
            case ATC -> "http://www.whocc.no/atc";
            case LOCAL -> ACT_CODE;
        };
    }
}
