package org.adrdstream.connect.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

class FhirCodesTest {

    private final CodeableConcept concept = new CodeableConcept()
            .addCoding(new Coding("urn:local", "X1", "local"))
            .addCoding(new Coding("http://snomed.info/sct", "26929004", "Alzheimer's disease"))
            .addCoding(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "G30.9", null));

    @Test
    void theFirstPreferredSystemWinsWhateverTheCodingOrder() {
        assertThat(FhirCodes.pick(concept, List.of(CodeSystem.ICD10CM, CodeSystem.SNOMEDCT)))
                .contains(new Code(CodeSystem.ICD10CM, "G30.9", null));
        assertThat(FhirCodes.pick(concept, List.of(CodeSystem.SNOMEDCT, CodeSystem.ICD10CM)))
                .contains(new Code(CodeSystem.SNOMEDCT, "26929004", "Alzheimer's disease"));
    }

    @Test
    void unknownSystemsGiveNothingAndAreNamed() {
        CodeableConcept local = new CodeableConcept().addCoding(new Coding("urn:local", "X1", null));

        assertThat(FhirCodes.pick(local, List.of(CodeSystem.ICD10CM))).isEmpty();
        assertThat(FhirCodes.systemsOf(local)).isEqualTo("[urn:local]");
        assertThat(FhirCodes.systemsOf(null)).isEqualTo("no coding");
    }
}
