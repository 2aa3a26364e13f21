package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.events.ClinicalEventMapper;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventKind;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FHIR connector on a real Connect worker and broker. The generator's FHIR output, read as Bulk Data
 * NDJSON or as transaction bundles, gives the events the generator's own ClinicalEvent output holds: same
 * ids, same pseudonyms, same final status, kind, time, code and value.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class FhirConnectorTest {

    private static final int PATIENTS = 20;

    @Test
    void bulkNdjsonGivesTheGeneratorsEvents(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        Map<String, String> expected = write(dir, 6);
        assertIngests(kafka, dir, dir.resolve("fhir/ndjson"), expected);
    }

    @Test
    void transactionBundlesGiveTheGeneratorsEvents(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        Map<String, String> expected = write(dir, 7);
        assertIngests(kafka, dir, dir.resolve("fhir/bundles"), expected);
    }

    @Test
    void badResourcesAreDeadLetteredWithReasonAndLineWhileGoodOnesFlow(EmbeddedKafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        Path input = Files.createDirectories(dir.resolve("in"));
        Files.writeString(input.resolve("Patient.ndjson"), """
                {"resourceType":"Patient","id":"p1","identifier":[{"system":"urn:test:mrn","value":"M1"}],"birthDate":"1940-02-03","gender":"female"}
                """);
        Files.writeString(input.resolve("Condition.ndjson"), """
                {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]},"onsetDateTime":"2015-01-01T10:00:00Z"}
                {"resourceType":"Condition","id":"c2", this is not json

                {"resourceType":"Condition","id":"c3","subject":{"reference":"Patient/nobody"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]},"onsetDateTime":"2015-01-01T10:00:00Z"}
                {"resourceType":"Condition","id":"c4","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"urn:local:codes","code":"X1"}]},"onsetDateTime":"2015-01-01T10:00:00Z"}
                {"resourceType":"Condition","id":"c5","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]},"onsetDateTime":"2099-01-01T10:00:00Z"}
                {"resourceType":"Condition","id":"c6","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]},"onsetDateTime":"1930-01-01T10:00:00Z"}
                {"resourceType":"Condition","id":"c7","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003"}]},"onsetDateTime":"2016-01-01T10:00:00Z"}
                """);
        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("fhir", fhirConfig(feed, input));
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.poll().size() >= 3 && feed.deadLettersRead.size() >= 5);

            assertThat(feed.eventsRead).extracting(ClinicalEvent::getEventId)
                    .containsExactly("synthetic-hospital:Patient/p1", "synthetic-hospital:Condition/c1",
                            "synthetic-hospital:Condition/c7");
            assertThat(feed.eventsRead.get(0).getPatientId())
                    .isEqualTo(Pseudonymiser.withKey(FeedFixture.PSEUDONYM_KEY).pseudonym("urn:test:mrn", "M1"));
            // Physical lines: the blank line 3 counts.
            assertThat(feed.deadLettersRead).extracting(d -> d.getSource().getLine()).containsExactly(2L, 4L, 5L, 6L, 7L);
            assertThat(feed.deadLettersRead).extracting(DeadLetter::getReason).satisfiesExactly(
                    r -> assertThat(r).startsWith("not a FHIR R4 resource"),
                    r -> assertThat(r).contains("unknown patient reference in Condition/c3").doesNotContain("nobody"),
                    r -> assertThat(r).contains("no code in a known system ([urn:local:codes])"),
                    r -> assertThat(r).contains("in the future"),
                    r -> assertThat(r).contains("before the patient's birth"));
            assertThat(feed.deadLettersRead).allSatisfy(d -> assertThat(d.getSource().getFile()).isEqualTo("Condition.ndjson"));
        }
    }

    private static void assertIngests(EmbeddedKafkaBroker kafka, Path dir, Path input, Map<String, String> expected)
            throws Exception {
        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("fhir", fhirConfig(feed, input));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                feed.poll();
                return finalStates(feed.eventsRead).size() >= expected.size();
            });

            assertThat(feed.deadLettersRead).isEmpty();
            assertThat(finalStates(feed.eventsRead)).isEqualTo(expected);
        }
    }

    static Map<String, String> write(Path dir, long seed) throws IOException {
        return write(dir, seed, PATIENTS);
    }

    /** Writes a generated cohort's FHIR files under {@code dir/fhir}; returns the final state of every event. */
    static Map<String, String> write(Path dir, long seed, int patients) throws IOException {
        return finalStates(writeEvents(dir, seed, patients));
    }

    /** Writes a generated cohort's FHIR files under {@code dir/fhir}; returns their events, one per record. */
    static List<ClinicalEvent> writeEvents(Path dir, long seed, int patients) throws IOException {
        CohortGenerator generator = new CohortGenerator(CohortSettings.defaults(seed),
                Pseudonymiser.withKey(FeedFixture.PSEUDONYM_KEY));
        try (CohortWriter writer = CohortFormat.FHIR.open(dir, generator.settings())) {
            generator.generate(patients, List.of(writer), done -> { });
        }
        ClinicalEventMapper mapper = new ClinicalEventMapper(generator.settings().feed());
        List<ClinicalEvent> events = new java.util.ArrayList<>();
        for (int k = 0; k < patients; k++) {
            events.addAll(mapper.events(generator.patient(k)));
        }
        return events;
    }

    /** Per event id, its last status and what FHIR carries of it (demographics: no clinical time). */
    static Map<String, String> finalStates(List<ClinicalEvent> events) {
        Map<String, String> states = new HashMap<>();
        for (ClinicalEvent e : events) {
            states.put(e.getEventId(), e.getPatientId() + " " + e.getKind() + " " + e.getStatus() + " "
                    + (e.getKind() == EventKind.DEMOGRAPHICS ? e.getBirthDate() + " " + e.getSex() : e.getTime())
                    + " " + e.getEndTime() + " " + (e.getCode() == null ? null : e.getCode().getValue()) + " " + e.getValue());
        }
        return states;
    }

    private static Map<String, String> fhirConfig(FeedFixture feed, Path input) {
        Map<String, String> config = feed.feedConfig(FhirSourceConnector.class.getName());
        config.put("fhir.directory", input.toString());
        config.put("fhir.scan.interval.ms", "500");
        return config;
    }
}
