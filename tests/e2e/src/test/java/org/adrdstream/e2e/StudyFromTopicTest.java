package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.calibration.RecordHistory;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.embedded.EmbeddedPlatform;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.study.data.StudyExamples;
import org.adrdstream.study.run.ConfigurationResult;
import org.adrdstream.study.run.ResultsLog;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study on the platform's topic: a generated cohort's histories on patient.histories.v1 of the embedded
 * platform (as the streams application publishes them; that the application assembles exactly these from
 * the events is {@link GeneratedCohortHistoryTest}), and {@code adrd experiment --from-topic} reads the topic
 * to its end. Its examples are exactly those of the generator's own records (the same data fingerprint), and
 * it trains, scores and reports on them.
 */
class StudyFromTopicTest {

    private static final int PATIENTS = 1200;

    @Test
    void theStudyReadsTheAssembledHistoriesAndReproducesTheGeneratorsExamples(@TempDir Path dir) throws Exception {
        CohortGenerator generator = new CohortGenerator(CohortSettings.defaults(42), Pseudonymiser.withKey("e2e-study-key-0123456789"));
        Map<String, PatientHistory> expected = new HashMap<>();
        for (int k = 0; k < PATIENTS; k++) {
            PatientHistory history = RecordHistory.of(generator.patient(k), generator.settings().feed());
            expected.put(history.getPatientId(), history);
        }
        PredictionTask task = new PredictionTask(TaskConfig.defaults());
        List<PatientHistory> byPseudonym = expected.values().stream()
                .sorted(java.util.Comparator.comparing(PatientHistory::getPatientId)).toList();
        String fingerprint = StudyExamples.of(byPseudonym, task, null, "records", null).fingerprint();
        Path grid = dir.resolve("tiny.properties");
        Files.writeString(grid, "targets = LABEL_ONLY\ntoken.budget = 64\nfine.tune.epochs = 1\nbootstrap.resamples = 200\n");

        try (EmbeddedPlatform platform = EmbeddedPlatform.builder().dataDir(dir.resolve("platform")).kafkaPort(0)
                .controllerPort(0).registryPort(0).partitions(3)
                .streams((bootstrap, registry, id, state, topics, replication) -> StreamsAppConfig
                        .defaults(bootstrap, registry, state).withApplicationId(id).withTopics(topics).withoutScoring())
                .build().start()) {
            PlatformFeed.publish(platform, platform.topics().patientHistories().name(), expected);

            // Its own process, as it runs in practice: a study is a batch job beside the platform, not inside it.
            try (ChildJvm study = ChildJvm.start(AdrdCommand.class.getName(), "experiment", "--grid", grid.toString(),
                    "--from-topic", "--bootstrap-servers", platform.bootstrapServers(),
                    "--schema-registry-url", platform.schemaRegistryUrl(), "--out", dir.resolve("study").toString())) {
                assertThat(study.awaitExit(Duration.ofMinutes(5))).as(study.output()).isZero();
            }
        }
        List<ConfigurationResult> results = new ArrayList<>(new ResultsLog(dir.resolve("study")).read().values());
        assertThat(results).extracting(ConfigurationResult::target).as("no oracle for data from a topic")
                .containsExactly("LOGISTIC_REGRESSION", "LABEL_ONLY");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.dataFingerprint()).as("the examples of the generator's own records").isEqualTo(fingerprint);
            assertThat(result.test().get("auroc").value()).isBetween(0.0, 1.0);
        });
        assertThat(Files.readString(dir.resolve("study/summary.md"))).contains("topic patient.histories.v1 at offsets");
    }
}
