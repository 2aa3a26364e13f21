package org.adrdstream.connect.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.ObservationKinds;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.Sex;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * One FHIR R4 resource to its ClinicalEvents. Event ids are {@code feed:Type/id} (an Observation component
 * adds {@code #code}; a Patient's death {@code #deceased}); status entered-in-error becomes a retraction of
 * the same id. A {@code Patient.link} of type replaced-by or replaces becomes a MERGE. Resource types that carry no clinical event (Organization, Claim, ...) map to nothing.
 * Free text (notes, valueString) is never copied.
 */
final class FhirResourceMapper {

    private static final List<CodeSystem> DIAGNOSIS_SYSTEMS =
            List.of(CodeSystem.ICD10CM, CodeSystem.SNOMEDCT, CodeSystem.ICD9CM);
    private static final List<CodeSystem> DRUG_SYSTEMS = List.of(CodeSystem.RXNORM, CodeSystem.ATC);
    private static final List<CodeSystem> OBSERVATION_SYSTEMS = List.of(CodeSystem.LOINC, CodeSystem.SNOMEDCT);
    private static final List<CodeSystem> PROCEDURE_SYSTEMS =
            List.of(CodeSystem.CPT, CodeSystem.SNOMEDCT, CodeSystem.ICD10CM);

    private final FeedRecords records;
    private final PatientDirectory patients;
    /** Medication resources seen, by every name a request may use for them, for medicationReference. */
    private final Map<String, CodeableConcept> medications = new HashMap<>();

    FhirResourceMapper(FeedRecords records, PatientDirectory patients) {
        this.records = records;
        this.patients = patients;
    }

    /**
     * Learns what later resources refer to (patients, medications) before anything is mapped: a bundle's
     * entries may refer to entries further down.
     */
    void register(Resource resource, String fullUrl) {
        if (resource instanceof Patient patient) {
            patients.register(patient, fullUrl);
        } else if (resource instanceof Medication medication && medication.hasCode()) {
            medications.put(ref(medication, fullUrl), medication.getCode());
            if (fullUrl != null) {
                medications.put(fullUrl, medication.getCode());
            }
        }
    }

    /** The resource's events, checked against the feed's rules; empty for types that carry none. */
    List<ClinicalEvent> map(Resource resource, String fullUrl) {
        List<ClinicalEvent> events = unchecked(resource, fullUrl);
        for (ClinicalEvent event : events) {
            records.problem(event, patients.birthDateOf(event.getPatientId())).ifPresent(problem -> {
                throw UnusableRecordException.mapping(problem + " (" + ref(resource, fullUrl) + ")");
            });
        }
        return events;
    }

    private List<ClinicalEvent> unchecked(Resource resource, String fullUrl) {
        if (resource instanceof Patient patient) {
            return patient(patient, fullUrl);
        } else if (resource instanceof Encounter encounter) {
            return List.of(encounter(encounter, fullUrl));
        } else if (resource instanceof org.hl7.fhir.r4.model.Condition condition) {
            return List.of(condition(condition, fullUrl));
        } else if (resource instanceof MedicationRequest request) {
            return List.of(medication(request, fullUrl, request.getMedication(), request.getSubject(),
                    request.getAuthoredOnElement(),
                    request.getStatus() == MedicationRequest.MedicationRequestStatus.ENTEREDINERROR));
        } else if (resource instanceof MedicationStatement statement) {
            return List.of(medication(statement, fullUrl, statement.getMedication(), statement.getSubject(),
                    start(statement.getEffective(), statement.getDateAssertedElement()),
                    statement.getStatus() == MedicationStatement.MedicationStatementStatus.ENTEREDINERROR));
        } else if (resource instanceof MedicationAdministration administration) {
            return List.of(medication(administration, fullUrl, administration.getMedication(),
                    administration.getSubject(), start(administration.getEffective(), null),
                    administration.getStatus() == MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR));
        } else if (resource instanceof Observation observation) {
            return observation(observation, fullUrl);
        } else if (resource instanceof Procedure procedure) {
            return List.of(procedure(procedure, fullUrl));
        } else if (resource instanceof Coverage coverage) {
            return List.of(coverage(coverage, fullUrl));
        }
        return List.of();
    }

    private List<ClinicalEvent> patient(Patient patient, String fullUrl) {
        PatientDirectory.Entry entry = patients.register(patient, fullUrl);
        String ref = ref(patient, fullUrl);
        List<ClinicalEvent> events = new ArrayList<>(2);
        Instant recorded = patient.getMeta().hasLastUpdated() ? patient.getMeta().getLastUpdated().toInstant()
                : entry.birthDate() == null ? records.now() : entry.birthDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        // A record replaced by another is the retired side of a merge: its lastUpdated moves with the link, so
        // its demographics would pass for the newest and override the survivor's.
        if (patient.getLink().stream().noneMatch(link -> link.getType() == Patient.LinkType.REPLACEDBY)) {
            events.add(records.newEvent(ref).setPatientId(entry.pseudonym()).setKind(EventKind.DEMOGRAPHICS)
                    .setStatus(EventStatus.ACTIVE).setTime(recorded).setBirthDate(entry.birthDate())
                    .setSex(sex(patient.getGender())).build());
        }
        if (patient.hasDeceasedDateTimeType()) {
            events.add(records.newEvent(ref + "#deceased").setPatientId(entry.pseudonym()).setKind(EventKind.DEATH)
                    .setStatus(EventStatus.ACTIVE).setTime(instant(patient.getDeceasedDateTimeType()))
                    .build());
        }
        for (Patient.PatientLinkComponent link : patient.getLink()) {
            merge(link, entry, recorded, ref).ifPresent(events::add);
        }
        return events;
    }

    /**
     * A merge stated by {@code Patient.link}: {@code replaced-by} on the retired record, or {@code replaces} on
     * the surviving one, naming a Patient read before. Keyed, like an HL7 merge, by the retired pseudonym, with
     * the same event id whichever side states it.
     */
    private Optional<ClinicalEvent> merge(Patient.PatientLinkComponent link, PatientDirectory.Entry self,
                                          Instant time, String ref) {
        boolean replacedBy = link.getType() == Patient.LinkType.REPLACEDBY;
        if (!replacedBy && link.getType() != Patient.LinkType.REPLACES) {
            return Optional.empty(); // refer, seealso: other records of the same person, not a merge
        }
        PatientDirectory.Entry other = patients.resolve(link.getOther().getReference());
        if (other == null) {
            throw UnusableRecordException.mapping("Patient.link (" + link.getType().toCode() + ") of " + ref
                    + " names a Patient not read before: send the surviving Patient first");
        }
        if (other.pseudonym().equals(self.pseudonym())) {
            return Optional.empty(); // two resources of one identifier: nothing to merge
        }
        String retired = replacedBy ? self.pseudonym() : other.pseudonym();
        String survivor = replacedBy ? other.pseudonym() : self.pseudonym();
        return Optional.of(records.newEvent("Patient/" + retired + "#merged").setPatientId(retired)
                .setKind(EventKind.MERGE).setStatus(EventStatus.ACTIVE).setTime(time).setMergedInto(survivor).build());
    }

    private ClinicalEvent encounter(Encounter encounter, String fullUrl) {
        Period period = encounter.getPeriod();
        ClinicalEvent.Builder event = base(encounter, fullUrl, encounter.getSubject(), EventKind.ENCOUNTER,
                required(period.getStartElement(), "Encounter.period.start", encounter, fullUrl),
                encounter.getStatus() == Encounter.EncounterStatus.ENTEREDINERROR)
                .setCode(new Code(CodeSystem.LOCAL, encounter.getClass_().hasCode() ? encounter.getClass_().getCode() : "AMB",
                        encounter.getClass_().hasDisplay() ? encounter.getClass_().getDisplay() : null));
        if (period.hasEnd()) {
            event.setEndTime(instant(period.getEndElement()));
        }
        return event.build();
    }

    private ClinicalEvent condition(org.hl7.fhir.r4.model.Condition condition, String fullUrl) {
        boolean enteredInError = condition.getVerificationStatus().getCoding().stream()
                .anyMatch(c -> "entered-in-error".equals(c.getCode()));
        BaseDateTimeType time = condition.hasOnsetDateTimeType() ? condition.getOnsetDateTimeType()
                : condition.hasOnsetPeriod() ? condition.getOnsetPeriod().getStartElement() : condition.getRecordedDateElement();
        return base(condition, fullUrl, condition.getSubject(), EventKind.DIAGNOSIS,
                required(time, "Condition.onset or recordedDate", condition, fullUrl), enteredInError)
                .setCode(code(condition.getCode(), DIAGNOSIS_SYSTEMS, condition, fullUrl)).build();
    }

    private ClinicalEvent medication(Resource resource, String fullUrl, Type medication, Reference subject,
                                     BaseDateTimeType time, boolean enteredInError) {
        CodeableConcept concept = medication instanceof CodeableConcept code ? code
                : medication instanceof Reference reference ? medications.get(reference.getReference()) : null;
        if (concept == null) {
            throw UnusableRecordException.mapping("medication " + (medication instanceof Reference
                    ? "reference names no Medication read before" : "has no code") + " (" + ref(resource, fullUrl) + ")");
        }
        return base(resource, fullUrl, subject, EventKind.MEDICATION,
                required(time, resource.fhirType() + " time", resource, fullUrl), enteredInError)
                .setCode(code(concept, DRUG_SYSTEMS, resource, fullUrl)).build();
    }

    private List<ClinicalEvent> observation(Observation observation, String fullUrl) {
        boolean enteredInError = observation.getStatus() == Observation.ObservationStatus.ENTEREDINERROR;
        Instant time = required(start(observation.getEffective(), observation.getIssuedElement()),
                "Observation.effective or issued", observation, fullUrl);
        String category = observation.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .map(c -> c.getCode()).filter(c -> c != null).findFirst().orElse(null);
        if (!observation.hasValue() && observation.hasComponent()) {
            List<ClinicalEvent> events = new ArrayList<>();
            for (Observation.ObservationComponentComponent component : observation.getComponent()) {
                Code code = code(component.getCode(), OBSERVATION_SYSTEMS, observation, fullUrl);
                ClinicalEvent.Builder event = base(observation, fullUrl, observation.getSubject(),
                        kind(category, code), time, enteredInError)
                        .setEventId(records.eventId(ref(observation, fullUrl) + "#" + code.getValue())).setCode(code);
                value(event, component.getValue());
                events.add(event.build());
            }
            return events;
        }
        Code code = code(observation.getCode(), OBSERVATION_SYSTEMS, observation, fullUrl);
        ClinicalEvent.Builder event = base(observation, fullUrl, observation.getSubject(), kind(category, code), time,
                enteredInError).setCode(code);
        value(event, observation.getValue());
        return List.of(event.build());
    }

    private ClinicalEvent procedure(Procedure procedure, String fullUrl) {
        return base(procedure, fullUrl, procedure.getSubject(), EventKind.PROCEDURE,
                required(start(procedure.getPerformed(), null), "Procedure.performed", procedure, fullUrl),
                procedure.getStatus() == Procedure.ProcedureStatus.ENTEREDINERROR)
                .setCode(code(procedure.getCode(), PROCEDURE_SYSTEMS, procedure, fullUrl)).build();
    }

    private ClinicalEvent coverage(Coverage coverage, String fullUrl) {
        Period period = coverage.getPeriod();
        ClinicalEvent.Builder event = base(coverage, fullUrl, coverage.getBeneficiary(), EventKind.ENROLLMENT,
                required(period.getStartElement(), "Coverage.period.start", coverage, fullUrl),
                coverage.getStatus() == Coverage.CoverageStatus.ENTEREDINERROR);
        if (period.hasEnd()) {
            event.setEndTime(instant(period.getEndElement()));
        }
        return event.build();
    }

    private ClinicalEvent.Builder base(Resource resource, String fullUrl, Reference subject, EventKind kind,
                                       Instant time, boolean enteredInError) {
        PatientDirectory.Entry patient = patients.resolve(subject == null ? null : subject.getReference());
        if (patient == null) {
            // The reference is not quoted: a conditional one ('Patient?identifier=...') would carry an MRN.
            throw UnusableRecordException.mapping("unknown patient reference in " + ref(resource, fullUrl)
                    + ": the Patient must come first (its file or bundle entry)");
        }
        return records.newEvent(ref(resource, fullUrl)).setPatientId(patient.pseudonym()).setKind(kind)
                .setStatus(enteredInError ? EventStatus.ENTERED_IN_ERROR : EventStatus.ACTIVE).setTime(time);
    }

    private static EventKind kind(String category, Code code) {
        if ("laboratory".equals(category)) {
            return EventKind.LAB;
        }
        if (category != null) {
            return EventKind.OBSERVATION;
        }
        return code.getSystem() == CodeSystem.LOINC ? ObservationKinds.of(code.getValue()) : EventKind.OBSERVATION;
    }

    private static void value(ClinicalEvent.Builder event, Type value) {
        if (value instanceof Quantity quantity && quantity.hasValue()) {
            event.setValue(quantity.getValue().doubleValue());
            event.setUnit(quantity.hasCode() ? quantity.getCode() : quantity.hasUnit() ? quantity.getUnit() : null);
        } else if (value instanceof CodeableConcept concept && concept.getCodingFirstRep().hasCode()) {
            // The coding's display, never CodeableConcept.text, which may be free text.
            event.setValueText(concept.getCodingFirstRep().hasDisplay() ? concept.getCodingFirstRep().getDisplay()
                    : concept.getCodingFirstRep().getCode());
        }
    }

    private static Code code(CodeableConcept concept, List<CodeSystem> preference, Resource resource, String fullUrl) {
        return FhirCodes.pick(concept, preference).orElseThrow(() -> UnusableRecordException.mapping(
                "no code in a known system (" + FhirCodes.systemsOf(concept) + ") in " + ref(resource, fullUrl)));
    }

    private static BaseDateTimeType start(Type effective, BaseDateTimeType fallback) {
        if (effective instanceof BaseDateTimeType dateTime && dateTime.hasValue()) {
            return dateTime;
        }
        if (effective instanceof Period period && period.hasStart()) {
            return period.getStartElement();
        }
        return fallback;
    }

    private static Instant required(BaseDateTimeType time, String what, Resource resource, String fullUrl) {
        if (time == null || !time.hasValue()) {
            throw UnusableRecordException.mapping("no " + what + " in " + ref(resource, fullUrl));
        }
        return instant(time);
    }

    /**
     * The instant of a FHIR date or dateTime. A value without a zone is read as UTC (HAPI would use the JVM's
     * zone, making the result depend on the host); a date alone is its day's start in UTC, a partial date
     * the start of its month or year.
     */
    static Instant instant(BaseDateTimeType time) {
        String text = time.getValueAsString();
        if (time.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            String padded = text.length() == 4 ? text + "-01-01" : text.length() == 7 ? text + "-01" : text.substring(0, 10);
            return LocalDate.parse(padded).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (time.getTimeZone() == null && !time.isTimeZoneZulu()) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
        return time.getValue().toInstant();
    }

    /**
     * {@code Type/id}; an id or full URL of the form {@code urn:uuid:x} gives {@code Type/x}. A resource with
     * neither cannot have a stable event id and is refused.
     */
    static String ref(Resource resource, String fullUrl) {
        String id = resource.getIdElement().getIdPart();
        if (id == null) {
            id = fullUrl;
        }
        if (id == null) {
            throw UnusableRecordException.mapping(resource.fhirType() + " without an id: no stable event id");
        }
        if (id != null && id.startsWith("urn:uuid:")) {
            id = id.substring("urn:uuid:".length());
        }
        return resource.fhirType() + "/" + id;
    }

    private static Sex sex(AdministrativeGender gender) {
        if (gender == null) {
            return Sex.UNKNOWN;
        }
        return switch (gender) {
            case MALE -> Sex.MALE;
            case FEMALE -> Sex.FEMALE;
            case OTHER -> Sex.OTHER;
            default -> Sex.UNKNOWN;
        };
    }
}
