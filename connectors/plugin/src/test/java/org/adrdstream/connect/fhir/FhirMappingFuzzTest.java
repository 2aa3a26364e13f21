package org.adrdstream.connect.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.adrdstream.connect.feed.FeedFixtures;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.testkit.fuzz.MalformedInputs;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Property: whatever a FHIR NDJSON line holds, reading it yields events or reasons, one per resource, and no
 * exception leaves {@link FhirFile} (a dead letter, never a stopped task). Inputs are the project's valid
 * resources broken as text and as JSON structure (fields dropped, given wrong types, absurd values).
 */
class FhirMappingFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATIENT = """
            {"resourceType":"Patient","id":"pt-1","identifier":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"urn:oid:1.2.3","value":"MRN-1"}],"gender":"female","birthDate":"1940-05-01"}""";
    static final List<String> SAMPLES = List.of(PATIENT, """
            {"resourceType":"Condition","id":"c-1","subject":{"reference":"Patient/pt-1"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]},"onsetDateTime":"2015-03-01"}""", """
            {"resourceType":"Observation","id":"o-1","status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],"subject":{"reference":"Patient/pt-1"},"code":{"coding":[{"system":"http://loinc.org","code":"2345-7"}]},"effectiveDateTime":"2016-01-02T10:00:00Z","valueQuantity":{"value":101.5,"unit":"mg/dL"}}""", """
            {"resourceType":"MedicationRequest","id":"m-1","status":"active","intent":"order","subject":{"reference":"Patient/pt-1"},"medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197361"}]},"authoredOn":"2017-04-05"}""", """
            {"resourceType":"Encounter","id":"e-1","status":"finished","class":{"code":"AMB"},"subject":{"reference":"Patient/pt-1"},"period":{"start":"2018-01-01T09:00:00Z","end":"2018-01-01T10:00:00Z"}}""", """
            {"resourceType":"Procedure","id":"p-1","status":"completed","subject":{"reference":"Patient/pt-1"},"code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99213"}]},"performedDateTime":"2019-02-03"}""");
    private static final List<JsonNode> HOSTILE_VALUES = hostileValues();

    @TempDir
    Path dir;

    @Test
    void textuallyBrokenLinesBecomeEventsOrReasons() {
        MalformedInputs.theory().forAll(MalformedInputs.mutationsOf(SAMPLES, "{}[]\":,"))
                .checkAssert(this::assertEventsOrReasons);
    }

    @Test
    void structurallyBrokenResourcesBecomeEventsOrReasons() {
        MalformedInputs.theory().forAll(structuralMutations()).checkAssert(this::assertEventsOrReasons);
    }

    @Test
    void noiseBecomesAReason() {
        MalformedInputs.theory().forAll(MalformedInputs.noise("{}[]\":,")).checkAssert(this::assertEventsOrReasons);
    }

    private void assertEventsOrReasons(String line) {
        try {
            Path file = dir.resolve("fuzz.ndjson");
            Files.writeString(file, line.replace('\n', ' ').replace('\r', ' ') + "\n", StandardCharsets.UTF_8);
            FeedRecords records = FeedFixtures.records(SourceFormat.FHIR_R4);
            IParser parser = FhirParsing.newParser();
            FhirResourceMapper mapper = new FhirResourceMapper(records, new PatientDirectory(records, "MR"));
            mapper.register((Resource) parser.parseResource(PATIENT), null);
            try (FhirFile fhir = new FhirFile(file, parser, mapper)) {
                while (fhir.hasNextUnit()) {
                    for (FhirFile.Item item : fhir.nextUnit()) {
                        assertThat(item.event() == null).as("an event or a reason, not both or neither")
                                .isNotEqualTo(item.failure() == null);
                        if (item.failure() != null) {
                            assertThat(item.failure().getMessage()).isNotBlank();
                            assertThat(item.failure().stage()).isNotNull();
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A sample with one to three of its JSON values dropped or replaced by a value of another kind. */
    private static Gen<String> structuralMutations() {
        return in -> {
            ObjectNode resource = parse(SAMPLES.get(MalformedInputs.draw(in, 0, SAMPLES.size() - 1)));
            int changes = MalformedInputs.draw(in, 1, 3);
            for (int i = 0; i < changes; i++) {
                List<JsonNode> containers = new ArrayList<>();
                collectContainers(resource, containers);
                JsonNode target = containers.get(MalformedInputs.draw(in, 0, containers.size() - 1));
                JsonNode value = HOSTILE_VALUES.get(MalformedInputs.draw(in, 0, HOSTILE_VALUES.size() - 1));
                boolean remove = MalformedInputs.draw(in, 0, 3) == 0;
                if (target instanceof ObjectNode object && object.size() > 0) {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    String name = names.get(MalformedInputs.draw(in, 0, names.size() - 1));
                    if (remove) {
                        object.remove(name);
                    } else {
                        object.set(name, value.deepCopy());
                    }
                } else if (target instanceof ArrayNode array && array.size() > 0) {
                    int index = MalformedInputs.draw(in, 0, array.size() - 1);
                    if (remove) {
                        array.remove(index);
                    } else {
                        array.set(index, value.deepCopy());
                    }
                }
            }
            return resource.toString();
        };
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collectContainers(child, into));
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> hostileValues() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> values = new ArrayList<>();
        MalformedInputs.HOSTILE.forEach(text -> values.add(nodes.textNode(text)));
        values.add(nodes.nullNode());
        values.add(nodes.numberNode(-1));
        values.add(nodes.numberNode(1e308));
        values.add(nodes.numberNode(new java.math.BigDecimal("1E+400")));
        values.add(nodes.booleanNode(true));
        values.add(nodes.objectNode());
        values.add(nodes.arrayNode());
        values.add(nodes.arrayNode().add(nodes.objectNode().put("reference", "Patient/unknown")));
        values.add(nodes.objectNode().put("reference", "Patient/pt-1"));
        values.add(nodes.textNode("2200-01-01T00:00:00Z"));
        values.add(nodes.textNode("1850-01-01"));
        return values;
    }
}
