package org.adrdstream.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.adrdstream.cohort.fhir.FhirWriter;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FhirOutputTest {

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final int PATIENTS = 40;

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        Cohorts.write(out, PATIENTS, 3, CohortFormat.FHIR);
    }

    private static IParser strictParser() {
        return FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    @Test
    void everyNdjsonLineParsesAsTheResourceTypeOfItsFile() throws IOException {
        IParser parser = strictParser();
        Map<String, Integer> counts = new HashMap<>();
        for (String type : FhirWriter.RESOURCE_TYPES) {
            for (String line : Files.readAllLines(out.resolve("fhir/ndjson/" + type + ".ndjson"))) {
                Resource resource = (Resource) parser.parseResource(line);
                assertThat(resource.fhirType()).isEqualTo(type);
                counts.merge(type, 1, Integer::sum);
            }
        }
        assertThat(counts.get("Patient")).isEqualTo(PATIENTS);
        assertThat(counts.get("Coverage")).isGreaterThanOrEqualTo(PATIENTS);
        assertThat(counts).containsKeys("Encounter", "Condition", "MedicationRequest", "Observation", "Procedure");
    }

    @Test
    void everyBundleIsATransactionWhoseReferencesResolveInsideIt() throws IOException {
        IParser parser = strictParser();
        List<Path> bundles;
        try (Stream<Path> files = Files.list(out.resolve("fhir/bundles"))) {
            bundles = files.sorted().toList();
        }
        assertThat(bundles).hasSize(PATIENTS);
        for (Path file : bundles) {
            Bundle bundle = parser.parseResource(Bundle.class, Files.readString(file));
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            Set<String> ids = new HashSet<>();
            bundle.getEntry().forEach(entry -> ids.add(entry.getRequest().getUrl()));
            String json = Files.readString(file);
            for (String reference : references(json)) {
                assertThat(ids).as(file + " references " + reference).contains(reference);
            }
            Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
            assertThat(patient.getIdentifierFirstRep().getValue()).startsWith("MRN");
        }
    }

    @Test
    void conditionsEnteredInErrorCarryNoClinicalStatus() throws IOException {
        IParser parser = strictParser();
        int enteredInError = 0;
        for (String line : Files.readAllLines(out.resolve("fhir/ndjson/Condition.ndjson"))) {
            Condition condition = parser.parseResource(Condition.class, line);
            String verification = condition.getVerificationStatus().getCodingFirstRep().getCode();
            if ("entered-in-error".equals(verification)) {
                enteredInError++;
                assertThat(condition.hasClinicalStatus()).isFalse();
            } else {
                assertThat(verification).isEqualTo("confirmed");
                assertThat(condition.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
            }
            assertThat(condition.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
        }
        assertThat(enteredInError).as("retractions in %d patients", PATIENTS).isPositive();
    }

    private static Set<String> references(String json) {
        Set<String> references = new HashSet<>();
        var matcher = java.util.regex.Pattern.compile("\"reference\":\"([^\"]+)\"").matcher(json);
        while (matcher.find()) {
            references.add(matcher.group(1));
        }
        return references;
    }
}
