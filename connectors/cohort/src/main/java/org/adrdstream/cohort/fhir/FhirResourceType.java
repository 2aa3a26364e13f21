package org.adrdstream.cohort.fhir;

import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.contract.EventKind;

/**
 * The FHIR R4 resource type each kind of fact is recorded as; the events format uses it too, in the
 * {@code Type/id} record references of its source locators.
 */
public final class FhirResourceType {

    private FhirResourceType() {
    }

    public static String of(EventKind kind) {
        return switch (kind) {
            case DEMOGRAPHICS, DEATH, MERGE -> "Patient"; // a merge is a link between Patient resources
            case ENCOUNTER -> "Encounter";
            case DIAGNOSIS -> "Condition";
            case MEDICATION -> "MedicationRequest";
            case LAB, OBSERVATION -> "Observation";
            case PROCEDURE -> "Procedure";
            case ENROLLMENT -> "Coverage";
        };
    }

    /** The Patient resource id of a generated patient: {@code P} and the 1-based patient number. */
    public static String patientId(PatientRecord patient) {
        return String.format("P%07d", patient.truth().index() + 1);
    }

    /** Demographics and death are fields of the Patient resource, not resources of their own. */
    public static boolean isFoldedIntoPatient(EventKind kind) {
        return kind == EventKind.DEMOGRAPHICS || kind == EventKind.DEATH;
    }
}
