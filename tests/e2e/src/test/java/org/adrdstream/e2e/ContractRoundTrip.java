package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.ContractSamples;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.testkit.Consume;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The contract round trip, runnable against any Kafka cluster and registry: every contract record goes to
 * its platform topic through the Avro serializer and comes back equal, read_committed, by a consumer that
 * finds each record's class from its writer schema.
 */
final class ContractRoundTrip {

    private ContractRoundTrip() {
    }

    static void run(String bootstrapServers, String registryUrl) {
        PlatformTopics topics = PlatformTopics.of(TestTopics.unique("roundtrip") + ".", 2);
        Map<String, SpecificRecord> expected = new LinkedHashMap<>();
        expected.put(topics.clinicalEvents().name(), ContractSamples.clinicalEvent());
        expected.put(topics.deadLetters().name(), ContractSamples.deadLetter());
        expected.put(topics.patientHistories().name(), ContractSamples.patientHistory());
        expected.put(topics.riskScores().name(), ContractSamples.riskScore());
        expected.put(topics.modelControl().name(), ContractSamples.modelPromotion());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            TopicProvisioner.ensure(admin, topics.all(), (short) 1);
        }

        produce(bootstrapServers, registryUrl, expected);
        Map<String, SpecificRecord> received = consume(bootstrapServers, registryUrl, expected.keySet());

        assertThat(received).containsExactlyInAnyOrderEntriesOf(expected);
        try (SchemaRegistryClient registry = RestSchemaRegistryClient.create(Map.of("schema.registry.url", registryUrl))) {
            List<String> subjects = expected.keySet().stream().map(topic -> topic + "-value").toList();
            assertThat(registry.subjects()).containsAll(subjects);
        }
    }

    private static void produce(String bootstrapServers, String registryUrl, Map<String, SpecificRecord> records) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        props.put("schema.registry.url", registryUrl);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props)) {
            records.forEach((topic, record) -> producer.send(new ProducerRecord<>(topic, "key", record)));
        }
    }

    private static Map<String, SpecificRecord> consume(String bootstrapServers, String registryUrl,
                                                       java.util.Collection<String> topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("roundtrip-group"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SpecificAvroDeserializer.class.getName());
        props.put("schema.registry.url", registryUrl);
        Map<String, SpecificRecord> received = new HashMap<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(new ArrayList<>(topics));
            Consume.atLeast(consumer, topics.size(), Duration.ofSeconds(60)).forEach(r -> received.put(r.topic(), r.value()));
        }
        return received;
    }
}
