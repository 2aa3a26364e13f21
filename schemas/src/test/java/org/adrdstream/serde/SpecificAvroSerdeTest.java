package org.adrdstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.ContractSamples;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.testkit.Consume;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serdes configured the Confluent way, through a real topic and the real registry, and their errors. */
@ExtendWith(EmbeddedKafkaExtension.class)
class SpecificAvroSerdeTest {

    private EmbeddedKafkaBroker kafka;
    private EmbeddedSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void startRegistry(EmbeddedKafkaBroker kafka) {
        this.kafka = kafka;
        registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
        client = RestSchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()));
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void recordsConfiguredByClassNameRoundTripThroughATopic() {
        String topic = TestTopics.unique("clinical.events.v1");
        ClinicalEvent event = ContractSamples.clinicalEvent();
        ClinicalEvent merge = ContractSamples.mergeEvent();

        Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        producerProps.put("schema.registry.url", registry.url());
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(topic, event.getPatientId(), event));
            producer.send(new ProducerRecord<>(topic, merge.getPatientId(), merge));
        }

        List<ConsumerRecord<String, ClinicalEvent>> records = consume(topic, 2);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly(event, merge);
        assertThat(client.latest(topic + "-value").schema()).isEqualTo(ClinicalEvent.getClassSchema().toString());
        assertThat(ByteBuffer.wrap(rawValues(topic).get(0)).get()).as("magic byte").isZero();
    }

    @Test
    void keysUseTheKeySubject() {
        String topic = TestTopics.unique("keyed");
        try (SpecificAvroSerde<ClinicalEvent> serde = new SpecificAvroSerde<>(client, ClinicalEvent.class)) {
            serde.configure(Map.of("schema.registry.url", registry.url()), true);
            byte[] bytes = serde.serializer().serialize(topic, ContractSamples.clinicalEvent());

            assertThat(serde.deserializer().deserialize(topic, bytes)).isEqualTo(ContractSamples.clinicalEvent());
            assertThat(client.subjects()).containsExactly(topic + "-key");
        }
    }

    @Test
    void historiesWithNestedTimesCompareEqualAfterARoundTrip() {
        PatientHistory history = ContractSamples.patientHistory();
        try (SpecificAvroSerde<PatientHistory> serde = new SpecificAvroSerde<>(client, PatientHistory.class)) {
            serde.configure(Map.of("schema.registry.url", registry.url()), false);
            PatientHistory read = serde.deserializer().deserialize("histories",
                    serde.serializer().serialize("histories", history));

            assertThat(read.getEvents()).isInstanceOf(ArrayList.class);
            assertThat(read).isEqualTo(history);
            assertThat(read.hashCode()).isEqualTo(history.hashCode());
        }
    }

    @Test
    void wrongMagicByteIsRefusedNamingTheTopic() {
        byte[] bytes = serialize("events");
        bytes[0] = 1;

        assertThatThrownBy(() -> deserialize("events", bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Topic 'events'").hasMessageContaining("magic byte 0x01");
    }

    @Test
    void unknownSchemaIdIsRefusedNamingTheTopic() {
        byte[] bytes = serialize("events");
        ByteBuffer.wrap(bytes).putInt(1, 987_654);

        assertThatThrownBy(() -> deserialize("events", bytes)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("Topic 'events'").hasMessageContaining("schema id 987654 is unknown");
    }

    @Test
    void truncatedPayloadIsRefusedNamingTheTopic() {
        byte[] bytes = serialize("events");

        assertThatThrownBy(() -> deserialize("events", Arrays.copyOf(bytes, bytes.length - 8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Topic 'events'").hasMessageContaining("truncated");
        assertThatThrownBy(() -> deserialize("events", Arrays.copyOf(bytes, 3)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Topic 'events'").hasMessageContaining("too short");
    }

    @Test
    void bytesLeftAfterTheRecordAreRefused() {
        byte[] bytes = serialize("events");

        assertThatThrownBy(() -> deserialize("events", Arrays.copyOf(bytes, bytes.length + 4)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("4 bytes left");
    }

    @Test
    void recordsWrittenWithAnEarlierSchemaReadIntoTheCurrentClass() throws IOException {
        Schema earlier = earlierClinicalEventSchema();
        GenericRecord old = new GenericData.Record(earlier);
        ClinicalEvent current = ContractSamples.clinicalEvent();
        for (Schema.Field field : earlier.getFields()) {
            old.put(field.name(), current.get(field.name()));
        }
        int id = client.register("events-value", earlier);

        ClinicalEvent read = deserialize("events", wireFormat(id, earlier, old));

        assertThat(read.getValueText()).as("field added later takes its default").isNull();
        assertThat(read.getEventId()).isEqualTo(current.getEventId());
        assertThat(read.getValue()).isEqualTo(current.getValue());
        assertThat(client.register("events-value", ClinicalEvent.getClassSchema())).as("BACKWARD compatible")
                .isNotEqualTo(id);
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsRefusedNamingTheSubject() {
        Map<String, Object> props = Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "false");
        try (SpecificAvroSerializer<ClinicalEvent> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(props, false);

            assertThatThrownBy(() -> serializer.serialize("events", ContractSamples.clinicalEvent()))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("subject 'events-value'");
            int id = client.register("events-value", ClinicalEvent.getClassSchema());
            byte[] bytes = serializer.serialize("events", ContractSamples.clinicalEvent());
            assertThat(ByteBuffer.wrap(bytes).getInt(1)).isEqualTo(id);
        }
    }

    @Test
    void useLatestVersionWritesWithTheLatestIdAndRefusesALatestThatDiffers() throws IOException {
        client.register("events-value", earlierClinicalEventSchema());
        Map<String, Object> props = Map.of("schema.registry.url", registry.url(),
                "auto.register.schemas", "false", "use.latest.version", "true", "latest.cache.ttl.sec", "0");
        try (SpecificAvroSerializer<ClinicalEvent> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(props, false);
            assertThatThrownBy(() -> serializer.serialize("events", ContractSamples.clinicalEvent()))
                    .isInstanceOf(SerializationException.class).hasMessageContaining("differs");

            int id = client.register("events-value", ClinicalEvent.getClassSchema());
            byte[] bytes = serializer.serialize("events", ContractSamples.clinicalEvent());

            assertThat(ByteBuffer.wrap(bytes).getInt(1)).isEqualTo(id);
            assertThat(deserialize("events", bytes)).isEqualTo(ContractSamples.clinicalEvent());
        }
    }

    /** ClinicalEvent as it might have been before {@code value_text} was added. */
    private static Schema earlierClinicalEventSchema() {
        Schema current = ClinicalEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : current.getFields()) {
            if (!field.name().equals("value_text")) {
                fields.add(new Schema.Field(field, field.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static byte[] wireFormat(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData withTimeTypes = new GenericData();
        withTimeTypes.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        withTimeTypes.addLogicalTypeConversion(new TimeConversions.DateConversion());
        new GenericDatumWriter<GenericRecord>(schema, withTimeTypes).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private byte[] serialize(String topic) {
        try (SpecificAvroSerializer<ClinicalEvent> serializer = new SpecificAvroSerializer<>(client)) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            return serializer.serialize(topic, ContractSamples.clinicalEvent());
        }
    }

    private ClinicalEvent deserialize(String topic, byte[] bytes) {
        try (SpecificAvroDeserializer<ClinicalEvent> deserializer =
                     new SpecificAvroDeserializer<>(client, ClinicalEvent.class)) {
            return deserializer.deserialize(topic, bytes);
        }
    }

    private List<ConsumerRecord<String, ClinicalEvent>> consume(String topic, int count) {
        Map<String, Object> props = consumerProps();
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SpecificAvroDeserializer.class.getName());
        props.put("schema.registry.url", registry.url());
        props.put("specific.avro.value.type", ClinicalEvent.class.getName());
        try (KafkaConsumer<String, ClinicalEvent> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, ClinicalEvent>> records = Consume.atLeast(consumer, count, Duration.ofSeconds(30));
            assertThat(records).hasSize(count);
            return records;
        }
    }

    private List<byte[]> rawValues(String topic) {
        Map<String, Object> props = consumerProps();
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            return Consume.atLeast(consumer, 1, Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
        }
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("group"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }
}
