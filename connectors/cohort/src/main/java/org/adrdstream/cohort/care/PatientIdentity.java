package org.adrdstream.cohort.care;

import org.adrdstream.pseudonym.Pseudonymiser;

/**
 * The identifying data a hospital holds about a synthetic patient. It appears only where the source formats
 * carry it (FHIR Patient, HL7 PID, OMOP person_source_value) so that the connectors' pseudonymisation is
 * exercised; ClinicalEvent files carry only the pseudonym, made from the MRN and its issuing system exactly
 * as a connector makes it, so every format of one cohort maps to the same pseudonyms.
 */
public record PatientIdentity(String mrn, String pseudonym, String givenName, String familyName, String street,
                              String city, String state, String postalCode) {

    /** The system (issuer) of a feed's medical record numbers: FHIR Identifier.system, HL7 PID-3.4 universal id. */
    public static String mrnSystem(String feed) {
        return Pseudonymiser.localIssuer(feed, "mrn");
    }
}
