package org.adrdstream.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.ModelPromotion;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.streams.history.ReferenceHistories;
import org.adrdstream.streams.history.SyntheticFeed;
import org.adrdstream.streams.serving.ModelFixtures;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events in, scores out, on a real broker with the bundled model: every patient ends with a record for its
 * final history, SCORED exactly when the task makes it eligible; a model promoted mid-stream takes over at
 * one point per partition; no (patient, history version) is scored twice.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ScoringEndToEndTest {

    private static final int PATIENTS = 60;
    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());

    @Test
    void everyPatientGetsItsScoreOrStatusAndAPromotionSwitchesOncePerPartition(EmbeddedKafkaBroker kafka,
                                                                                @TempDir Path dir) throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(PATIENTS, 10, 21L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        ModelRegistry models = new ModelRegistry(dir.resolve("models"));
        BundledModel.installInto(models);
        ModelPackage second = ModelFixtures.copyAsVersion(models, "2");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            PlatformTopics topics = PlatformTopics.of(TestTopics.unique("scoring") + ".", 3);
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                TopicProvisioner.ensure(admin, topics.all(), (short) 1);
            }
            StreamsAppConfig config = StreamsAppConfig.defaults(kafka.bootstrapServers(), registry.url(), dir.resolve("state"))
                    .withTopics(topics).withApplicationId(TestTopics.unique("scoring-app"))
                    .withThreads(2) // two threads score on one model at once: its blocks must allow that
                    .withHistory(HistorySettings.defaults().withPublishInterval(Duration.ofMillis(200)))
                    .withScoring(ScoringSettings.defaults(models.root())
                            .withBatching(16, Duration.ofMillis(100), Duration.ZERO).withDevice("cpu", 1));
            Map<String, PatientHistory> histories = new HashMap<>();
            List<ConsumerRecord<String, RiskScore>> scores = new ArrayList<>();
            try (StreamsApp app = new StreamsApp(config).start(Duration.ofSeconds(60));
                 KafkaConsumer<String, PatientHistory> historyReader = reader(kafka, registry, topics.patientHistories().name());
                 KafkaConsumer<String, RiskScore> scoreReader = reader(kafka, registry, topics.riskScores().name())) {
                int half = feed.size() / 2;
                produce(kafka, registry, topics.clinicalEvents().name(), feed.subList(0, half), ClinicalEvent::getPatientId);
                await().atMost(Duration.ofSeconds(60)).until(() -> poll(scoreReader, scores) > 10);
                produce(kafka, registry, topics.modelControl().name(), List.of(ModelFixtures.promotion(second)), ModelPromotion::getModelName);
                await().atMost(Duration.ofSeconds(30)).until(() -> "2".equals(servedVersion(app)));
                produce(kafka, registry, topics.clinicalEvents().name(), feed.subList(half, feed.size()),
                        ClinicalEvent::getPatientId);
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    historyReader.poll(Duration.ofMillis(100)).forEach(r -> histories.put(r.key(), r.value()));
                    poll(scoreReader, scores);
                    assertThat(histories).hasSize(expected.size());
                    expected.forEach((patient, want) ->
                            assertThat(histories.get(patient).getVersion()).as(patient).isEqualTo(want.version()));
                    assertThat(RiskRecords.finalRecords(values(scores), histories, TASK)).hasSize(expected.size());
                });
            }
            assertFinalRecordsFollowTheTask(RiskRecords.finalRecords(values(scores), histories, TASK), histories);
            RiskRecords.assertNoScoringTwice(values(scores));
            assertOneSwitchPerPartition(scores);
        }
    }

    private static void assertFinalRecordsFollowTheTask(Map<String, RiskScore> finals, Map<String, PatientHistory> histories) {
        Set<ScoreStatus> seen = new HashSet<>();
        finals.forEach((patient, record) -> {
            PatientHistory history = histories.get(patient);
            ScoreStatus expected = RiskScores.statusOf(TASK.eligibility(history, history.getLastEventTime()));
            assertThat(record.getStatus()).as(patient).isEqualTo(expected);
            assertThat(record.getScore() != null).as("score present only when SCORED").isEqualTo(expected == ScoreStatus.SCORED);
            seen.add(expected);
        });
        assertThat(seen).as("the feed exercises scored and unscored patients")
                .contains(ScoreStatus.SCORED, ScoreStatus.ALREADY_DIAGNOSED);
    }

    /** Per partition, in offset order, the model versions of SCORED records read 1...1 2...2: one switch at most. */
    private static void assertOneSwitchPerPartition(List<ConsumerRecord<String, RiskScore>> scores) {
        Map<Integer, List<String>> versions = new HashMap<>();
        scores.stream().filter(r -> r.value().getStatus() == ScoreStatus.SCORED)
                .forEach(r -> versions.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.value().getModel().getVersion()));
        versions.forEach((partition, list) -> {
            int firstNew = list.indexOf("2");
            List<String> after = firstNew < 0 ? List.of() : list.subList(firstNew, list.size());
            assertThat(after).as("partition %d after the switch", partition).containsOnly("2");
        });
        assertThat(versions.values().stream().flatMap(List::stream)).contains(BundledModel.VERSION, "2");
    }

    private static List<RiskScore> values(List<ConsumerRecord<String, RiskScore>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static String servedVersion(StreamsApp app) {
        var model = app.models().acquire();
        try {
            return model.ref().getVersion();
        } finally {
            model.release();
        }
    }

    private static int poll(KafkaConsumer<String, RiskScore> reader, List<ConsumerRecord<String, RiskScore>> into) {
        reader.poll(Duration.ofMillis(100)).forEach(into::add);
        return into.size();
    }

    private static <T extends SpecificRecord> void produce(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry,
                                                           String topic, List<T> values,
                                                           java.util.function.Function<T, String> key) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put("schema.registry.url", registry.url());
        SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
        serializer.configure(props, false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
            values.forEach(v -> producer.send(new ProducerRecord<>(topic, key.apply(v), v)));
        }
    }

    private static <T extends SpecificRecord> KafkaConsumer<String, T> reader(EmbeddedKafkaBroker kafka,
                                                                              EmbeddedSchemaRegistry registry, String topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put("schema.registry.url", registry.url());
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(props, false);
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
