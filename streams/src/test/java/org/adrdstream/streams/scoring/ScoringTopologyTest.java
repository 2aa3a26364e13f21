package org.adrdstream.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.contract.Sex;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroSerde;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.serving.ModelService;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The scoring rules on the scoring sub-topology, with the bundled model and the real registry's serdes. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ScoringTopologyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant T = Instant.parse("2015-03-01T10:00:00Z");
    private static final Duration BATCH = Duration.ofMillis(200);
    private static final Duration RESCORE = Duration.ofSeconds(60);
    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());

    private static EmbeddedSchemaRegistry registry;
    private static ModelService models;
    private static ScoringSettings settings;

    private TopologyTestDriver driver;
    private TestInputTopic<String, PatientHistory> histories;
    private TestOutputTopic<String, RiskScore> scores;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path modelRegistry) throws Exception {
        registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
        settings = ScoringSettings.defaults(modelRegistry).withBatching(4, BATCH, RESCORE).withDevice("cpu", 1);
        models = new ModelService(settings, TASK).serveConfigured();
    }

    @AfterAll
    static void stop() {
        models.close();
        registry.close();
    }

    @BeforeEach
    void startDriver(@TempDir Path stateDir) {
        StreamsAppConfig config = StreamsAppConfig.defaults("unused:9092", registry.url(), stateDir);
        Map<String, Object> serde = config.serdeProperties();
        Topology topology = ScoringTopology.addTo(new Topology(), config.topics(), settings, TASK, models,
                SpecificAvroSerde.of(PatientHistory.class, serde, false).deserializer(),
                SpecificAvroSerde.of(RiskScore.class, serde, false).serializer());
        Properties props = new Properties();
        props.putAll(config.streamsProperties());
        driver = new TopologyTestDriver(topology, props, NOW);
        histories = driver.createInputTopic(config.topics().patientHistories().name(), new StringSerializer(),
                SpecificAvroSerde.of(PatientHistory.class, serde, false).serializer());
        scores = driver.createOutputTopic(config.topics().riskScores().name(), new StringDeserializer(),
                SpecificAvroSerde.of(RiskScore.class, serde, false).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void eligiblePatientIsScoredByTheModelInService() {
        PatientHistory history = patient("p1", 1945).diagnosis(T, "I10").visit(T.plusSeconds(60)).build(3);
        histories.pipeInput("p1", history);
        driver.advanceWallClockTime(BATCH);

        RiskScore score = onlyScore();
        assertThat(score.getStatus()).isEqualTo(ScoreStatus.SCORED);
        assertThat(score.getScore()).isBetween(0.0, 1.0);
        assertThat(score.getBand()).isEqualTo(RiskBands.DEFAULT.of(score.getScore()));
        assertThat(score.getModel().getName()).isEqualTo(BundledModel.NAME);
        assertThat(score.getModel().getSha256()).hasSize(64);
        assertThat(score.getHistoryVersion()).isEqualTo(3);
        assertThat(score.getIndexTime()).isEqualTo(T.plusSeconds(60));
        assertThat(score.getEvidence()).hasSizeLessThanOrEqualTo(3).isNotEmpty()
                .allSatisfy(item -> assertThat(item.getCode().getValue()).isEqualTo("I10"));
        assertThat(score.getLatencyMs()).isNotNull().isNotNegative();
    }

    @Test
    void ineligiblePatientsGetTheirStatusOnceNotAScore() {
        histories.pipeInput("young", patient("young", 1990).diagnosis(T, "I10").build(1));
        histories.pipeInput("known", patient("known", 1940).diagnosis(T, "G30.1").build(1));
        driver.advanceWallClockTime(BATCH);
        histories.pipeInput("young", patient("young", 1990).diagnosis(T, "I10").diagnosis(T.plusSeconds(5), "E11.9").build(2));
        driver.advanceWallClockTime(BATCH);

        List<RiskScore> out = scores.readValuesToList();
        assertThat(out).extracting(RiskScore::getPatientId, RiskScore::getStatus).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("young", ScoreStatus.NOT_ELIGIBLE),
                org.assertj.core.groups.Tuple.tuple("known", ScoreStatus.ALREADY_DIAGNOSED));
        assertThat(out).allSatisfy(s -> assertThat(s.getScore()).isNull());
    }

    @Test
    void retiredPseudonymGetsOneMergedRecordAndNoScoreOfItsPendingHistory() {
        histories.pipeInput("p1", patient("p1", 1945).diagnosis(T, "I10").build(3));
        driver.advanceWallClockTime(BATCH);
        assertThat(onlyScore().getStatus()).isEqualTo(ScoreStatus.SCORED);
        histories.pipeInput("p1", patient("p1", 1945).diagnosis(T, "I10").diagnosis(T.plusSeconds(9), "E11.9").build(4));
        histories.pipeInput("never-scored", patient("never-scored", 1945).diagnosis(T, "I10").build(1));

        histories.pipeInput("p1", (PatientHistory) null); // the merge's tombstone, before the next batch
        histories.pipeInput("never-scored", (PatientHistory) null);
        driver.advanceWallClockTime(BATCH);
        driver.advanceWallClockTime(RESCORE);

        List<RiskScore> out = scores.readValuesToList();
        assertThat(out).as("nothing for a pseudonym never reported; no score of a retired history")
                .singleElement().satisfies(merged -> {
                    assertThat(merged.getPatientId()).isEqualTo("p1");
                    assertThat(merged.getStatus()).isEqualTo(ScoreStatus.MERGED);
                    assertThat(merged.getScore()).isNull();
                    assertThat(merged.getModel()).isNull();
                    assertThat(merged.getHistoryVersion()).isEqualTo(4);
                });
        assertThat(driver.<String, RiskScore>getKeyValueStore(ScoringTopology.LATEST_STORE).get("p1").getStatus())
                .as("the query API's latest record").isEqualTo(ScoreStatus.MERGED);
        histories.pipeInput("p1", (PatientHistory) null);
        driver.advanceWallClockTime(BATCH);
        assertThat(scores.isEmpty()).as("a second tombstone changes nothing").isTrue();
    }

    @Test
    void severalChangesBeforeABatchCoalesceIntoOneScoreOfTheLatest() {
        Builder p = patient("p1", 1945).diagnosis(T, "I10");
        histories.pipeInput("p1", p.build(1));
        histories.pipeInput("p1", p.visit(T.plusSeconds(10)).build(2));
        driver.advanceWallClockTime(BATCH);

        assertThat(onlyScore().getHistoryVersion()).isEqualTo(2);
    }

    @Test
    void rescoreWaitsForTheIntervalUnlessAClinicalFactArrives() {
        Builder p = patient("p1", 1945).diagnosis(T, "I10");
        histories.pipeInput("p1", p.build(1));
        driver.advanceWallClockTime(BATCH);
        onlyScore();

        histories.pipeInput("p1", p.visit(T.plusSeconds(10)).build(2));
        driver.advanceWallClockTime(BATCH);
        assertThat(scores.isEmpty()).as("a visit alone waits for the re-score interval").isTrue();

        driver.advanceWallClockTime(RESCORE);
        assertThat(onlyScore().getHistoryVersion()).isEqualTo(2);

        histories.pipeInput("p1", p.diagnosis(T.plusSeconds(20), "E11.9").build(3));
        driver.advanceWallClockTime(BATCH);
        assertThat(onlyScore().getHistoryVersion()).as("a new diagnosis is scored at once").isEqualTo(3);
    }

    @Test
    void replayedPublicationIsNotScoredTwice() {
        PatientHistory history = patient("p1", 1945).diagnosis(T, "I10").build(1);
        histories.pipeInput("p1", history);
        driver.advanceWallClockTime(BATCH);
        onlyScore();

        histories.pipeInput("p1", history);
        driver.advanceWallClockTime(RESCORE.plus(BATCH));

        assertThat(scores.isEmpty()).isTrue();
    }

    @Test
    void batchSizeTriggersScoringBeforeTheInterval() {
        for (int i = 0; i < 4; i++) {
            histories.pipeInput("p" + i, patient("p" + i, 1940 + i).diagnosis(T, "I10").build(1));
        }

        assertThat(scores.readValuesToList()).hasSize(4).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(ScoreStatus.SCORED));
    }

    private RiskScore onlyScore() {
        List<RiskScore> out = scores.readValuesToList();
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static Builder patient(String id, int birthYear) {
        return new Builder(id, LocalDate.of(birthYear, 6, 1));
    }

    /** A history as the assembler publishes it. */
    private static final class Builder {
        private final String id;
        private final LocalDate birth;
        private final List<HistoryEvent> events = new ArrayList<>();

        Builder(String id, LocalDate birth) {
            this.id = id;
            this.birth = birth;
        }

        Builder diagnosis(Instant time, String icd10) {
            return add(time, EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, icd10, null));
        }

        Builder visit(Instant time) {
            return add(time, EventKind.ENCOUNTER, new Code(CodeSystem.LOCAL, "AMB", "ambulatory"));
        }

        private Builder add(Instant time, EventKind kind, Code code) {
            events.add(HistoryEvent.newBuilder().setEventId(id + "-" + events.size()).setKind(kind).setTime(time)
                    .setEndTime(null).setCode(code).setValue(null).setValueText(null).setUnit(null)
                    .setFormat(SourceFormat.SYNTHETIC).build());
            return this;
        }

        PatientHistory build(long version) {
            List<HistoryEvent> sorted = new ArrayList<>(events);
            sorted.sort((a, b) -> a.getTime().compareTo(b.getTime()));
            Instant last = sorted.get(sorted.size() - 1).getTime();
            return PatientHistory.newBuilder().setPatientId(id).setBirthDate(birth).setSex(Sex.FEMALE).setDeathDate(null)
                    .setObservationStart(sorted.get(0).getTime()).setObservationEnd(last).setEvents(sorted)
                    .setSummaries(List.of()).setVersion(version).setLastEventTime(last).setAssembledAt(NOW)
                    .setLastIngestedAt(NOW.minusMillis(50)).build();
        }
    }
}
