package org.adrdstream.streams.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

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
    /** About 1.4 MB of retraction markers in one transfer. */
    private static final int HEAVY_RETRACTIONS = 50_000;

    @Test
    void twoInstancesWithARestartConvergeOnTheReferenceHistories(EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(PATIENTS, 12, 7L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            PlatformTopics topics = createTopics(kafka, "history");
            StreamsAppConfig config = historyApp(kafka, registry, topics, state);
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

    /**
     * Merges across partitions and instances: 20 pairs, a chain of three, and a pseudonym carrying 50,000
     * retraction markers (a transfer over Kafka's default 1 MB) merge mid-feed, between the two halves, so the retired patients' earlier events move with the transfer and their later events (with
     * re-sends, corrections and retractions of earlier ones) are forwarded; the second instance is stopped
     * just after the merges and restarted. Every survivor ends with the fold of its own and its retired
     * patients' events and the demographics recorded latest; every retired pseudonym is tombstoned; patients
     * no merge touched match the reference, version included.
     */
    @Test
    void mergesMoveHistoriesAcrossInstancesAndARestart(EmbeddedKafkaBroker kafka, @TempDir Path state) throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(PATIENTS, 8, 13L);
        Map<String, String> survivorOf = new HashMap<>();
        List<ClinicalEvent> merges = new ArrayList<>();
        for (int p = 0; p < 40; p += 2) {
            merges.add(Events.merge("pt-" + p, "merge-" + p, Instant.parse("2025-01-01T00:00:00Z"), "pt-" + (p + 1)));
            survivorOf.put("pt-" + p, "pt-" + (p + 1));
        }
        merges.add(Events.merge("pt-40", "merge-40", Instant.parse("2025-01-01T00:00:00Z"), "pt-41"));
        merges.add(Events.merge("pt-41", "merge-41", Instant.parse("2025-02-01T00:00:00Z"), "pt-42"));
        // a pseudonym whose retraction markers alone make a transfer larger than Kafka's default 1 MB message
        merges.add(Events.merge("heavy", "merge-heavy", Instant.parse("2025-01-01T00:00:00Z"), "pt-43"));
        survivorOf.putAll(Map.of("pt-40", "pt-42", "pt-41", "pt-42", "heavy", "pt-43"));
        List<ClinicalEvent> firstHalf = new ArrayList<>(feed.subList(0, feed.size() / 2));
        for (int i = 0; i < HEAVY_RETRACTIONS; i++) {
            firstHalf.add(Events.retraction(Events.diagnosis("heavy", "heavy:r" + i, Instant.parse("2010-01-01T00:00:00Z"),
                    "I10")));
        }
        List<ClinicalEvent> secondHalf = new ArrayList<>(feed.subList(feed.size() / 2, feed.size()));
        secondHalf.add(Events.diagnosis("heavy", "heavy:r7", Instant.parse("2010-01-01T00:00:00Z"), "I10"));
        List<ClinicalEvent> merged = Stream.concat(firstHalf.stream(), secondHalf.stream()).map(e -> ClinicalEvent
                .newBuilder(e).setPatientId(survivorOf.getOrDefault(e.getPatientId(), e.getPatientId())).build()).toList();
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(merged);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            PlatformTopics topics = createTopics(kafka, "merges");
            StreamsAppConfig config = historyApp(kafka, registry, topics, state);
            Map<String, PatientHistory> latest = Collections.synchronizedMap(new HashMap<>()); // tombstones: nulls
            try (StreamsApp first = start(config, state.resolve("a"));
                 StreamsApp second = start(config, state.resolve("b"));
                 KafkaConsumer<String, PatientHistory> histories = historyConsumer(kafka, registry, topics)) {
                produce(kafka, registry, topics, firstHalf);
                produce(kafka, registry, topics, merges);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    drain(histories, latest);
                    return survivorOf.keySet().stream().allMatch(p -> latest.containsKey(p) && latest.get(p) == null);
                });
                second.close();
                produce(kafka, registry, topics, secondHalf);
                try (StreamsApp restarted = start(config, state.resolve("b"))) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        drain(histories, latest);
                        survivorOf.keySet().forEach(retired -> assertThat(latest).containsEntry(retired, null));
                        expected.forEach((patient, want) -> {
                            ReferenceHistories.Expected got = actual(latest.get(patient));
                            boolean survivor = survivorOf.containsValue(patient);
                            assertThat(got).as("history of %s", patient).isNotNull();
                            assertThat(got.events()).as("events of %s", patient).isEqualTo(want.events());
                            if (!survivor) {
                                assertThat(got).as("history of %s", patient).isEqualTo(want);
                            }
                        });
                    });
                }
                survivorOf.values().forEach(survivor -> assertThat(latest.get(survivor).getBirthDate())
                        .as("demographics recorded latest, of %s", survivor)
                        .isEqualTo(latestBirthDate(feed, survivor, survivorOf)));
            }
        }
    }

    /** The birth date recorded latest (DEMOGRAPHICS time) among {@code survivor} and the patients merged into it. */
    private static LocalDate latestBirthDate(List<ClinicalEvent> feed, String survivor,
                                                       Map<String, String> survivorOf) {
        return feed.stream().filter(e -> e.getKind() == EventKind.DEMOGRAPHICS)
                .filter(e -> survivor.equals(survivorOf.getOrDefault(e.getPatientId(), e.getPatientId())))
                .max(Comparator.comparing(ClinicalEvent::getTime)).orElseThrow().getBirthDate();
    }

    private static ReferenceHistories.Expected actual(PatientHistory history) {
        return history == null ? null : new ReferenceHistories.Expected(
                history.getEvents().stream().map(e -> e.getEventId() + "=" + e.getValue()).toList(),
                String.valueOf(history.getBirthDate()), String.valueOf(history.getSex()), history.getVersion());
    }

    private static PlatformTopics createTopics(EmbeddedKafkaBroker kafka, String prefix) {
        PlatformTopics topics = PlatformTopics.of(TestTopics.unique(prefix) + ".", 4);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicProvisioner.ensure(admin, topics.all(), (short) 1);
        }
        return topics;
    }

    private static StreamsAppConfig historyApp(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry,
                                               PlatformTopics topics, Path state) {
        return StreamsAppConfig.defaults(kafka.bootstrapServers(), registry.url(), state).withoutScoring()
                .withTopics(topics).withApplicationId(TestTopics.unique("history-app"))
                .withHistory(HistorySettings.defaults().withPublishInterval(Duration.ofMillis(200)));
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
