package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Synthea's FHIR output (test resources, see synthea/README.md) is ingested without a single dead letter. */
@ExtendWith(EmbeddedKafkaExtension.class)
class SyntheaFhirTest {

    private static final int BUNDLES = 4;

    @Test
    void syntheaBundlesAreIngestedWithoutDeadLetters(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path input = Files.createDirectories(dir.resolve("synthea"));
        Map<String, Integer> clinicalResources = new TreeMap<>();
        for (int i = 1; i <= BUNDLES; i++) {
            Path bundle = input.resolve("synthea-patient-" + i + ".json");
            try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream("/synthea/synthea-patient-" + i + ".json.gz"))) {
                Files.copy(in, bundle);
            }
            count(bundle, clinicalResources);
        }
        int expectedAtLeast = clinicalResources.values().stream().mapToInt(Integer::intValue).sum();

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            Map<String, String> config = feed.feedConfig(FhirSourceConnector.class.getName());
            config.put("fhir.directory", input.toString());
            feed.putConnector("synthea", config);
            await().atMost(Duration.ofSeconds(90)).until(() -> feed.poll().size() >= expectedAtLeast
                    || !feed.deadLettersRead.isEmpty());

            assertThat(feed.deadLettersRead).as("dead letters: %s", feed.deadLettersRead).isEmpty();
            assertThat(feed.eventsRead.stream().map(ClinicalEvent::getPatientId).distinct()).hasSize(BUNDLES);
            assertThat(feed.eventsRead).filteredOn(e -> e.getKind() == EventKind.DEATH).hasSize(2);
            assertThat(feed.eventsRead).extracting(ClinicalEvent::getKind).contains(EventKind.DIAGNOSIS,
                    EventKind.ENCOUNTER, EventKind.MEDICATION, EventKind.LAB, EventKind.OBSERVATION, EventKind.PROCEDURE);
        }
    }

    /** Resources the connector maps (each gives at least one event), by type. */
    private static void count(Path bundle, Map<String, Integer> counts) throws IOException {
        JsonNode json = new ObjectMapper().readTree(bundle.toFile());
        for (JsonNode entry : json.path("entry")) {
            String type = entry.path("resource").path("resourceType").asText();
            if (type.matches("Patient|Encounter|Condition|MedicationRequest|MedicationAdministration|Observation|Procedure")) {
                counts.merge(type, 1, Integer::sum);
            }
        }
    }
}
