package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.history.ReferenceHistories;
import org.adrdstream.streams.scoring.RiskRecords;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The synthetic feed sent to an embedded broker's topics, and what the streams application makes of it read
 * back, for the tests that run {@code adrd streams} as child processes and kill them.
 */
final class BrokerFeed {

    private BrokerFeed() {
    }

    /** The platform topics under {@code prefix}, created on the broker. */
    static PlatformTopics createTopics(EmbeddedKafkaBroker kafka, String prefix, int partitions) {
        PlatformTopics topics = PlatformTopics.of(prefix, partitions);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicProvisioner.ensure(admin, topics.all(), (short) 1);
        }
        return topics;
    }

    static void produce(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry, PlatformTopics topics,
                        List<ClinicalEvent> events) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("schema.registry.url", registry.url());
        SpecificAvroSerializer<ClinicalEvent> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            events.forEach(e -> producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), e.getPatientId(), e)));
        }
    }

    /** A read-committed consumer of {@code topic} from its start, in a group of its own. */
    static <T extends SpecificRecord> KafkaConsumer<String, T> consumer(EmbeddedKafkaBroker kafka,
                                                                        EmbeddedSchemaRegistry registry, String topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("feed-reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put("schema.registry.url", registry.url());
        SpecificAvroDeserializer<T> values = new SpecificAvroDeserializer<>();
        values.configure(props, false);
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Reads what is there now into {@code latest} (newest per patient); returns the patients seen so far. */
    static int drain(KafkaConsumer<String, PatientHistory> consumer, Map<String, PatientHistory> latest) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
        return latest.size();
    }

    /**
     * Waits until each expected patient's published history equals its independent fold, version included, so
     * an event lost or applied twice shows; other patients may have histories too.
     */
    static void awaitFolded(KafkaConsumer<String, PatientHistory> histories, Map<String, PatientHistory> latest,
                            Map<String, ReferenceHistories.Expected> expected, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            drain(histories, latest);
            assertThat(latest).containsKeys(expected.keySet().toArray(String[]::new));
            expected.forEach((patient, want) -> assertThat(asFolded(latest.get(patient)))
                    .as("history of %s", patient).isEqualTo(want));
        });
    }

    /**
     * Waits until every history in {@code latest} has its final risk record (a score or a status) on the risk
     * topic, read committed, and checks none of {@code scores} scores one (patient, history version) twice.
     */
    static void awaitScoredOnce(KafkaConsumer<String, RiskScore> risk, List<RiskScore> scores,
                                Map<String, PatientHistory> latest, PredictionTask task, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            risk.poll(Duration.ofMillis(200)).forEach(r -> scores.add(r.value()));
            RiskRecords.assertNoScoringTwice(scores);
            assertThat(RiskRecords.finalRecords(scores, latest, task).keySet())
                    .as("patients scored or given a status").isEqualTo(latest.keySet());
        });
    }

    /** A published history in the form of the independent fold, to compare with it. */
    static ReferenceHistories.Expected asFolded(PatientHistory history) {
        return new ReferenceHistories.Expected(
                history.getEvents().stream().map(e -> e.getEventId() + "=" + e.getValue()).toList(),
                String.valueOf(history.getBirthDate()), String.valueOf(history.getSex()), history.getVersion());
    }
}
