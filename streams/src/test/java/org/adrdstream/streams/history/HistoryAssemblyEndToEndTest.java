package org.adrdstream.streams.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.testkit.Consume;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application instances on a real broker assemble the histories of a messy feed (re-sends,
 * corrections, retractions, shuffled order), one instance is restarted mid-stream, and every published
 * history ends equal to an independent fold of the raw events, version included (so nothing was applied
 * twice); refused records reach the dead-letter topic.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class HistoryAssemblyEndToEndTest {

    private static final int PATIENTS = 120;

    @Test
    void twoInstancesWithARestartConvergeOnTheReferenceHistories(EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(PATIENTS, 12, 7L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            PlatformTopics topics = PlatformTopics.of(TestTopics.unique("history") + ".", 4);
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                TopicProvisioner.ensure(admin, topics.all(), (short) 1);
            }
            StreamsAppConfig config = StreamsAppConfig.defaults(kafka.bootstrapServers(), registry.url(), state)
                    .withoutScoring().withTopics(topics).withApplicationId(TestTopics.unique("history-app"))
                    .withHistory(HistorySettings.defaults().withPublishInterval(Duration.ofMillis(200)));
            Map<String, PatientHistory> latest = new ConcurrentHashMap<>();
            try (StreamsApp first = start(config, state.resolve("a"));
                 KafkaConsumer<String, PatientHistory> histories = historyConsumer(kafka, registry, topics)) {
                int half = feed.size() / 2;
                produce(kafka, registry, topics, feed.subList(0, half));
                StreamsApp second = start(config, state.resolve("b"));
                produceBadRecords(kafka, registry, topics);
                await().atMost(Duration.ofSeconds(60)).until(() -> drain(histories, latest) > PATIENTS / 4);
                second.close(); // stopped mid-stream; its partitions move to the first instance
                produce(kafka, registry, topics, feed.subList(half, feed.size()));
                try (StreamsApp restarted = start(config, state.resolve("b"))) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        drain(histories, latest);
                        assertThat(latest).hasSize(expected.size());
                        expected.forEach((patient, want) -> assertThat(actual(latest.get(patient)))
                                .as("history of %s", patient).isEqualTo(want));
                    });
                }
            }
            assertDeadLetters(kafka, registry, topics);
        }
    }

    private static ReferenceHistories.Expected actual(PatientHistory history) {
        return history == null ? null : new ReferenceHistories.Expected(
                history.getEvents().stream().map(e -> e.getEventId() + "=" + e.getValue()).toList(),
                String.valueOf(history.getBirthDate()), String.valueOf(history.getSex()), history.getVersion());
    }

    private static StreamsApp start(StreamsAppConfig config, Path stateDir) {
        return new StreamsApp(config.withStateDir(stateDir)).start(Duration.ofSeconds(60));
    }

    private static int drain(KafkaConsumer<String, PatientHistory> consumer, Map<String, PatientHistory> latest) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
        return latest.size();
    }

    private static void produce(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry, PlatformTopics topics,
                                List<ClinicalEvent> events) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put("schema.registry.url", registry.url());
        SpecificAvroSerializer<ClinicalEvent> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            events.forEach(e -> producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), e.getPatientId(), e)));
        }
    }

    /** One record in no wire format and one event without its code. */
    private static void produceBadRecords(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry,
                                          PlatformTopics topics) {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.clinicalEvents().name(), "pt-0", new byte[] {7, 7, 7}));
        }
        produce(kafka, registry, topics, List.of(Events.event("pt-1", "pt-1:nocode", EventKind.DIAGNOSIS,
                java.time.Instant.parse("2010-01-01T00:00:00Z"), null)));
    }

    private static void assertDeadLetters(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry,
                                          PlatformTopics topics) {
        Map<String, Object> props = consumerProps(kafka, registry);
        try (KafkaConsumer<String, DeadLetter> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), deserializer(props))) {
            consumer.subscribe(List.of(topics.deadLetters().name()));
            List<DeadLetter> letters = Consume.atLeast(consumer, 2, Duration.ofSeconds(30)).stream()
                    .map(r -> r.value()).toList();
            assertThat(letters).extracting(DeadLetter::getStage)
                    .containsExactlyInAnyOrder(FailureStage.DESERIALIZATION, FailureStage.VALIDATION);
            assertThat(letters).filteredOn(l -> l.getStage() == FailureStage.DESERIALIZATION).singleElement()
                    .satisfies(l -> {
                        assertThat(l.getReason()).contains("too short");
                        assertThat(l.getSource().getTopic()).isEqualTo(topics.clinicalEvents().name());
                        assertThat(l.getPayloadSize()).isEqualTo(3);
                    });
        }
    }

    private static KafkaConsumer<String, PatientHistory> historyConsumer(EmbeddedKafkaBroker kafka,
                                                                        EmbeddedSchemaRegistry registry,
                                                                        PlatformTopics topics) {
        Map<String, Object> props = consumerProps(kafka, registry);
        KafkaConsumer<String, PatientHistory> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                deserializer(props));
        consumer.subscribe(List.of(topics.patientHistories().name()));
        return consumer;
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroDeserializer<T> deserializer(
            Map<String, Object> props) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(props, false);
        return deserializer;
    }

    private static Map<String, Object> consumerProps(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put("schema.registry.url", registry.url());
        return props;
    }
}
