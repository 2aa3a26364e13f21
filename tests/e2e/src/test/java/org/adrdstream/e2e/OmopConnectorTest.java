package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.connect.omop.OmopSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The OMOP connector on a real Connect worker and broker, fed by the cohort generator's OMOP output. */
@ExtendWith(EmbeddedKafkaExtension.class)
class OmopConnectorTest {

    private static final int PATIENTS = 30;

    @Test
    void everyRowBecomesTheEventOfItsFactForTheRightPatient(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        CohortGenerator generator = write(dir, 3);
        Map<String, List<String>> expected = expectedByPatient(generator);
        int rows = expected.values().stream().mapToInt(List::size).sum();

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("omop", omopConfig(feed, dir));
            await().atMost(Duration.ofSeconds(90)).until(() -> feed.poll().size() >= rows);

            assertThat(feed.deadLettersRead).isEmpty();
            assertThat(byPatient(feed.eventsRead)).isEqualTo(expected);
        }
    }

    @Test
    void aRestartedWorkerResumesWithNothingLost(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        CohortGenerator generator = write(dir, 4);
        Map<String, List<String>> expected = expectedByPatient(generator);
        int rows = expected.values().stream().mapToInt(List::size).sum();

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            Map<String, String> config = omopConfig(feed, dir);
            config.put("omop.batch.records", "50");
            feed.putConnector("omop", config);
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.poll().size() >= rows / 3);
            feed.restartWorker(); // the connector config lives in the worker: put it again, offsets stay
            feed.putConnector("omop", config);
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                feed.poll();
                return feed.distinctEvents().size() >= rows;
            });

            assertThat(feed.distinctEvents()).hasSize(rows);
            assertThat(byPatient(new ArrayList<>(feed.distinctEvents().values()))).isEqualTo(expected);
            // Records after the last committed offset may be sent again: fewer than one flush's worth.
            assertThat(feed.eventsRead.size() - rows).isLessThan(rows / 2);
        }
    }

    @Test
    void badRowsAreDeadLetteredWithReasonAndLineWhileGoodRowsFlow(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        CohortGenerator generator = write(dir, 5);
        int rows = expectedByPatient(generator).values().stream().mapToInt(List::size).sum();
        Path conditions = dir.resolve("omop/condition_occurrence.csv");
        long firstBadLine = Files.readAllLines(conditions).size() + 1;
        Files.writeString(conditions, String.join("\n",
                "1,1,0,2015-01-01", // too few columns
                "900001,1,0,2015-13-45,,,,32817,0,,,,,I10,0,", // impossible date
                "900002,424242,0,2015-01-01,,,,32817,0,,,,,I10,0,", // unknown person
                "900003,1,0,2099-01-01,,,,32817,0,,,,,I10,0,", // in the future
                "900004,1,0,2015-01-01,,,,32817,0,,,,,,0,") + "\n", // no source code
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("omop", omopConfig(feed, dir));
            await().atMost(Duration.ofSeconds(90)).until(() -> feed.poll().size() >= rows && feed.deadLettersRead.size() >= 5);

            assertThat(feed.eventsRead).hasSize(rows);
            List<DeadLetter> letters = feed.deadLettersRead;
            assertThat(letters).extracting(d -> d.getSource().getLine())
                    .containsExactly(firstBadLine, firstBadLine + 1, firstBadLine + 2, firstBadLine + 3, firstBadLine + 4);
            assertThat(letters).extracting(DeadLetter::getReason).satisfiesExactly(
                    r -> assertThat(r).contains("expected 16 columns, found 4"),
                    r -> assertThat(r).contains("bad date in condition_start_date"),
                    r -> assertThat(r).contains("the row's person_id is not in person.csv").doesNotContain("424242"),
                    r -> assertThat(r).contains("in the future").doesNotContain("2099"),
                    r -> assertThat(r).contains("condition_source_value is empty"));
            assertThat(letters).allSatisfy(d -> {
                assertThat(d.getSource().getFile()).isEqualTo("condition_occurrence.csv");
                assertThat(d.getSource().getFeed()).isEqualTo("synthetic-hospital");
                assertThat(d.getPayload()).isNull(); // source rows may identify patients: never copied
            });
            assertThat(letters.get(0).getStage()).isEqualTo(FailureStage.CONNECTOR_PARSE);
            assertThat(letters.get(2).getStage()).isEqualTo(FailureStage.CONNECTOR_MAPPING);
        }
    }

    private static CohortGenerator write(Path dir, long seed) throws IOException {
        return write(dir, seed, PATIENTS);
    }

    /** Writes a generated cohort's OMOP tables under {@code dir/omop}. */
    static CohortGenerator write(Path dir, long seed, int patients) throws IOException {
        CohortGenerator generator = new CohortGenerator(CohortSettings.defaults(seed),
                Pseudonymiser.withKey(FeedFixture.PSEUDONYM_KEY));
        try (CohortWriter writer = CohortFormat.OMOP.open(dir, generator.settings())) {
            generator.generate(patients, List.of(writer), done -> { });
        }
        return generator;
    }

    static Map<String, String> omopConfig(FeedFixture feed, Path dir) {
        Map<String, String> config = feed.feedConfig(OmopSourceConnector.class.getName());
        config.put("omop.directory", dir.resolve("omop").toString());
        return config;
    }

    /** Per pseudonym, the sorted facts as (kind, code, day, value): what an OMOP row keeps of a fact. */
    private static Map<String, List<String>> expectedByPatient(CohortGenerator generator) {
        Map<String, List<String>> expected = new HashMap<>();
        for (int k = 0; k < PATIENTS; k++) {
            PatientRecord patient = generator.patient(k);
            List<String> facts = new ArrayList<>();
            for (RecordedFact fact : patient.facts()) {
                if (!fact.isRetracted()) {
                    facts.add(describe(fact.kind(), fact.code() == null ? null : fact.code().value(),
                            fact.kind() == EventKind.DEMOGRAPHICS ? null : fact.time().atZone(ZoneOffset.UTC).toLocalDate(),
                            fact.value()));
                }
            }
            facts.sort(null);
            expected.put(patient.identity().pseudonym(), facts);
        }
        return expected;
    }

    private static Map<String, List<String>> byPatient(List<ClinicalEvent> events) {
        Map<String, List<String>> actual = new HashMap<>();
        for (ClinicalEvent e : events) {
            actual.computeIfAbsent(e.getPatientId(), p -> new ArrayList<>()).add(describe(e.getKind(),
                    e.getCode() == null ? null : e.getCode().getValue(),
                    e.getKind() == EventKind.DEMOGRAPHICS ? null : e.getTime().atZone(ZoneOffset.UTC).toLocalDate(),
                    e.getValue()));
        }
        actual.values().forEach(list -> list.sort(null));
        return actual;
    }

    private static String describe(EventKind kind, String code, Object day, Double value) {
        return kind + " " + code + " " + day + " " + value;
    }
}
