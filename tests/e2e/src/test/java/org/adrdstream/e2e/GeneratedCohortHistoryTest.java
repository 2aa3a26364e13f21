package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.calibration.RecordHistory;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.events.EventFileWriter;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.embedded.EmbeddedPlatform;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated cohort replayed from its ClinicalEvent file through the embedded platform: every history the
 * streams application assembles (with the generator's duplicates and retractions absorbed) equals the
 * history built from the generator's own record, labels at the index date included, and nothing is
 * dead-lettered.
 */
class GeneratedCohortHistoryTest {

    private static final int PATIENTS = 60;
    private static final Instant INDEX_TIME = Instant.parse("2015-01-01T00:00:00Z");

    @Test
    void replayedCohortAssemblesIntoTheHistoriesOfItsRecords(@TempDir Path dir) throws Exception {
        CohortGenerator generator = new CohortGenerator(CohortSettings.defaults(21), Pseudonymiser.withKey("e2e-key-0123456789"));
        try (CohortWriter writer = CohortFormat.EVENTS.open(dir, generator.settings())) {
            generator.generate(PATIENTS, List.of(writer), done -> { });
        }
        Map<String, PatientHistory> expected = new HashMap<>();
        for (int k = 0; k < PATIENTS; k++) {
            PatientRecord patient = generator.patient(k);
            expected.put(patient.identity().pseudonym(), RecordHistory.of(patient, generator.settings().feed()));
        }
        PredictionTask task = new PredictionTask(TaskConfig.defaults());

        try (EmbeddedPlatform platform = EmbeddedPlatform.builder().dataDir(dir.resolve("platform")).kafkaPort(0)
                .controllerPort(0).registryPort(0).partitions(3)
                .streams((bootstrap, registry, id, state, topics, replication) -> StreamsAppConfig
                        .defaults(bootstrap, registry, state).withApplicationId(id).withTopics(topics)
                        .withHistory(HistorySettings.defaults().withPublishInterval(Duration.ofMillis(500))))
                .build().start()) {
            int sent = PlatformFeed.replay(platform, dir.resolve("events/" + EventFileWriter.FILE));
            assertThat(sent).isGreaterThan(PATIENTS * 50);

            Map<String, PatientHistory> latest = new HashMap<>();
            try (KafkaConsumer<String, PatientHistory> histories = PlatformFeed.consumer(platform, PatientHistory.class,
                    platform.topics().patientHistories().name())) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    histories.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
                    assertThat(latest).hasSize(PATIENTS);
                    expected.forEach((patient, want) -> assertThat(summary(latest.get(patient)))
                            .as("history of %s", patient).isEqualTo(summary(want)));
                });
            }
            expected.forEach((patient, want) -> {
                PatientHistory got = latest.get(patient);
                assertThat(task.label(got, INDEX_TIME)).as(patient).isEqualTo(task.label(want, INDEX_TIME));
                assertThat(task.eligibility(got, INDEX_TIME)).as(patient).isEqualTo(task.eligibility(want, INDEX_TIME));
            });
            try (KafkaConsumer<String, DeadLetter> deadLetters = PlatformFeed.consumer(platform, DeadLetter.class,
                    platform.topics().deadLetters().name())) {
                assertThat(deadLetters.poll(Duration.ofSeconds(2)).count()).as("dead letters").isZero();
            }
        }
    }

    /** What must agree: the clinical events (id, time, code, value), demographics, death and observation period. */
    private static List<String> summary(PatientHistory history) {
        List<String> lines = new ArrayList<>();
        lines.add("birth " + history.getBirthDate() + " sex " + history.getSex() + " death " + history.getDeathDate());
        lines.add("observed " + history.getObservationStart() + " to " + history.getObservationEnd());
        for (HistoryEvent event : history.getEvents()) {
            lines.add(event.getEventId() + " " + event.getKind() + " " + event.getTime() + " "
                    + (event.getCode() == null ? "-" : event.getCode().getValue()) + " " + event.getValue());
        }
        lines.subList(2, lines.size()).sort(null);
        return lines;
    }
}
