package org.adrdstream.cohort.care;

/**
 * The identifying data a hospital holds about a synthetic patient. It appears only where the source formats
 * carry it (FHIR Patient, HL7 PID, OMOP person_source_value) so that the connectors' pseudonymisation is
 * exercised; ClinicalEvent files carry only the pseudonym.
 */
public record PatientIdentity(String mrn, String pseudonym, String givenName, String familyName, String street,
                              String city, String state, String postalCode) {
}
