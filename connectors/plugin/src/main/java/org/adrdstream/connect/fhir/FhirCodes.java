package org.adrdstream.connect.fhir;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Code systems recognised by their FHIR URIs, and the choice of one coding from a CodeableConcept. */
final class FhirCodes {

    static final Map<String, CodeSystem> SYSTEMS = Map.ofEntries(
            Map.entry("http://hl7.org/fhir/sid/icd-10-cm", CodeSystem.ICD10CM),
            // WHO ICD-10 shares ICD-10-CM's three- and four-character categories; the code list matches prefixes.
            Map.entry("http://hl7.org/fhir/sid/icd-10", CodeSystem.ICD10CM),
            Map.entry("http://hl7.org/fhir/sid/icd-9-cm", CodeSystem.ICD9CM),
            Map.entry("http://snomed.info/sct", CodeSystem.SNOMEDCT),
            Map.entry("http://www.nlm.nih.gov/research/umls/rxnorm", CodeSystem.RXNORM),
            Map.entry("http://loinc.org", CodeSystem.LOINC),
            Map.entry("http://www.ama-assn.org/go/cpt", CodeSystem.CPT),
            Map.entry("http://www.whocc.no/atc", CodeSystem.ATC));

    private FhirCodes() {
    }

    /** The first coding in a recognised system, in the order of {@code preference}. */
    static Optional<Code> pick(CodeableConcept concept, List<CodeSystem> preference) {
        if (concept == null) {
            return Optional.empty();
        }
        for (CodeSystem wanted : preference) {
            for (Coding coding : concept.getCoding()) {
                if (coding.hasCode() && wanted == SYSTEMS.get(coding.getSystem())) {
                    return Optional.of(new Code(wanted, coding.getCode(), coding.hasDisplay() ? coding.getDisplay() : null));
                }
            }
        }
        return Optional.empty();
    }

    /** The systems a concept was coded in, for the dead-letter reason when none is recognised. */
    static String systemsOf(CodeableConcept concept) {
        return concept == null || concept.getCoding().isEmpty() ? "no coding"
                : concept.getCoding().stream().map(Coding::getSystem).distinct().toList().toString();
    }
}
