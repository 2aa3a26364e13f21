package org.adrdstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.ContractSamples;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.testkit.fuzz.MalformedInputs;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quicktheories.core.Gen;

/**
 * Property: whatever bytes a record value holds (no header, a wrong magic byte, an id the registry does not
 * know, an Avro payload cut, flipped or extended), the deserializer returns a record or throws Kafka's
 * {@link SerializationException} naming the topic, the one exception the consumers dead-letter; nothing
 * else escapes. Runs against the real registry, where the sample's schema is registered.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SerdeFuzzTest {

    private EmbeddedSchemaRegistry registry;
    private SchemaRegistryClient client;
    private String topic;
    private byte[] valid;

    @BeforeEach
    void registerTheSample(EmbeddedKafkaBroker kafka) {
        registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers()).storeTopic(TestTopics.unique("_schemas"))
                .build().start();
        client = RestSchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()));
        topic = TestTopics.unique("fuzz.events");
        try (SpecificAvroSerializer<ClinicalEvent> serializer = new SpecificAvroSerializer<>(client)) {
            valid = serializer.serialize(topic, ContractSamples.clinicalEvent());
        }
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void corruptedPayloadsDecodeOrFailAsSerializationErrors() {
        SpecificAvroDeserializer<ClinicalEvent> events = new SpecificAvroDeserializer<>(client, ClinicalEvent.class);
        MalformedInputs.theory().forAll(corrupted()).checkAssert(bytes -> assertDecodesOrRefuses(events, bytes));
    }

    @Test
    void randomBytesDecodeOrFailAsSerializationErrors() {
        SpecificAvroDeserializer<ClinicalEvent> events = new SpecificAvroDeserializer<>(client, ClinicalEvent.class);
        MalformedInputs.theory().forAll(MalformedInputs.bytes(64)).checkAssert(bytes -> assertDecodesOrRefuses(events, bytes));
    }

    @Test
    void anEventReadAsAHistoryIsRefused() {
        SpecificAvroDeserializer<PatientHistory> histories = new SpecificAvroDeserializer<>(client, PatientHistory.class);

        assertThatThrownBy(() -> histories.deserialize(topic, valid)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Topic '" + topic + "'");
    }

    private void assertDecodesOrRefuses(SpecificAvroDeserializer<?> deserializer, byte[] bytes) {
        try {
            assertThat(deserializer.deserialize(topic, bytes)).isNotNull();
        } catch (SerializationException refused) {
            assertThat(refused.getMessage()).contains("Topic '" + topic + "'");
        }
    }

    /** The valid record with one to four bytes changed, cut short or extended, header included. */
    private Gen<byte[]> corrupted() {
        return in -> {
            byte[] bytes = valid.clone();
            int changes = MalformedInputs.draw(in, 1, 4);
            for (int i = 0; i < changes; i++) {
                switch (MalformedInputs.draw(in, 0, 2)) {
                    case 0 -> bytes[MalformedInputs.draw(in, 0, bytes.length - 1)] = (byte) MalformedInputs.draw(in, -128, 127);
                    case 1 -> bytes = java.util.Arrays.copyOf(bytes, MalformedInputs.draw(in, 0, bytes.length));
                    default -> bytes = java.util.Arrays.copyOf(bytes, bytes.length + MalformedInputs.draw(in, 1, 8));
                }
                if (bytes.length == 0) {
                    break;
                }
            }
            return bytes;
        };
    }
}
