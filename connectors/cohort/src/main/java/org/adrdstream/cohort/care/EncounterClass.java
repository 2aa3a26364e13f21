package org.adrdstream.cohort.care;

import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.contract.CodeSystem;

/** Setting of an encounter, with its HL7 v3 ActCode (FHIR Encounter.class, HL7 v2 PV1-2) and OMOP visit concept. */
public enum EncounterClass {
    OUTPATIENT("AMB", "ambulatory", "O", 9202),
    EMERGENCY("EMER", "emergency", "E", 9203),
    INPATIENT("IMP", "inpatient encounter", "I", 9201);

    private final String actCode;
    private final String display;
    private final String hl7PatientClass;
    private final int omopVisitConceptId;

    EncounterClass(String actCode, String display, String hl7PatientClass, int omopVisitConceptId) {
        this.actCode = actCode;
        this.display = display;
        this.hl7PatientClass = hl7PatientClass;
        this.omopVisitConceptId = omopVisitConceptId;
    }

    public String actCode() {
        return actCode;
    }

    public String display() {
        return display;
    }

    public String hl7PatientClass() {
        return hl7PatientClass;
    }

    public int omopVisitConceptId() {
        return omopVisitConceptId;
    }

    /** The code an ENCOUNTER event carries (LOCAL system: the ActCode). */
    public ClinicalCode code() {
        return new ClinicalCode(CodeSystem.LOCAL, actCode, display);
    }
}
