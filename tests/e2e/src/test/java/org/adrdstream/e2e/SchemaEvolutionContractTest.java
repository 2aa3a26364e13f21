package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.contract.SourceRef;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.SchemaRegistryException;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.serde.WireFormat;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.testkit.Consume;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ClinicalEvent} contract as it evolves, on a real broker and registry: a feed that moves to a v2
 * with a new optional field is accepted by the registry and read by the platform's v1 classes, the streams
 * application included, while a v2 reader reads v1 records with the field's default; an incompatible change
 * is refused with 409 naming the field; a record naming a schema id the registry does not know is reported,
 * dead-lettered, and the records after it still flow.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class SchemaEvolutionContractTest {

    private static final String NEW_FIELD = "encounter_id";
    private static final int UNKNOWN_ID = 987_654;

    @Test
    void v2WithAnOptionalFieldFlowsThroughV1ConsumersAndAnUnknownIdIsDeadLettered(EmbeddedKafkaBroker kafka,
                                                                                  @TempDir Path state) throws Exception {
        try (EmbeddedSchemaRegistry registry = startRegistry(kafka);
             SchemaRegistryClient client = RestSchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()))) {
            // One partition: the records' order on it is the order they were sent in.
            PlatformTopics topics = PlatformTopics.of(TestTopics.unique("evolution") + ".", 1);
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                TopicProvisioner.ensure(admin, topics.all(), (short) 1);
            }
            String events = topics.clinicalEvents().name();
            Schema v2 = withOptionalField(ClinicalEvent.getClassSchema());
            ClinicalEvent first = diagnosis("p-1", "feed:1", "I10");
            ClinicalEvent upgraded = diagnosis("p-1", "feed:2", "E11.9");
            ClinicalEvent later = diagnosis("p-2", "feed:3", "I10");

            produceV1(kafka, registry, events, first);
            int v2Id = client.register(events + "-value", v2);
            assertThat(client.versions(events + "-value")).as("v2 accepted as a new version").hasSize(2);
            produceRaw(kafka, events, "p-1", wire(v2Id, asV2(upgraded, v2, "enc-7"), v2));
            produceRaw(kafka, events, "p-9", wire(UNKNOWN_ID, asV2(upgraded, v2, "enc-8"), v2));
            produceV1(kafka, registry, events, later);

            List<byte[]> payloads = readRaw(kafka, events, 4);
            assertV1ClassReadsBoth(registry, events, payloads, first, upgraded);
            assertV2ReaderDefaultsTheNewField(client, payloads.get(0), v2);
            assertStreamsAppKeepsGoing(kafka, registry, topics, state);
        }
    }

    @Test
    void incompatibleChangesToClinicalEventAreRefusedWith409NamingTheField(EmbeddedKafkaBroker kafka) throws Exception {
        try (EmbeddedSchemaRegistry registry = startRegistry(kafka);
             SchemaRegistryClient client = RestSchemaRegistryClient.create(Map.of("schema.registry.url", registry.url()))) {
            String subject = TestTopics.unique("evolution-refused") + ".clinical.events.v1-value";
            client.register(subject, ClinicalEvent.getClassSchema());

            Schema requiredField = withField(ClinicalEvent.getClassSchema(),
                    new Schema.Field("ward", Schema.create(Schema.Type.STRING), "ward of the event", (Object) null));
            assertThatThrownBy(() -> client.register(subject, requiredField)).isInstanceOf(SchemaRegistryException.class)
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409))
                    .hasMessageContaining("incompatible").hasMessageContaining("ward");
            Schema timeAsText = replaceField(ClinicalEvent.getClassSchema(), "time", Schema.create(Schema.Type.STRING));
            assertThatThrownBy(() -> client.register(subject, timeAsText))
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409))
                    .hasMessageContaining("field:time");
            assertThat(client.versions(subject)).as("nothing refused was stored").hasSize(1);
        }
    }

    private static void assertV1ClassReadsBoth(EmbeddedSchemaRegistry registry, String topic, List<byte[]> payloads,
                                               ClinicalEvent first, ClinicalEvent upgraded) {
        try (SpecificAvroDeserializer<ClinicalEvent> v1Reader = new SpecificAvroDeserializer<>()) {
            v1Reader.configure(Map.of("schema.registry.url", registry.url()), false);
            assertThat(v1Reader.deserialize(topic, payloads.get(0))).isEqualTo(first);
            assertThat(v1Reader.deserialize(topic, payloads.get(1))).as("a v2 record read by the v1 class")
                    .isEqualTo(upgraded);
            assertThatThrownBy(() -> v1Reader.deserialize(topic, payloads.get(2))).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id " + UNKNOWN_ID + " is unknown");
        }
    }

    private static void assertV2ReaderDefaultsTheNewField(SchemaRegistryClient client, byte[] v1Payload, Schema v2)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(v1Payload);
        Schema writer = client.schemaById(WireFormat.readHeader("events", buffer));
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer, v2, GenericData.get()).read(null,
                DecoderFactory.get().binaryDecoder(v1Payload, buffer.position(), buffer.remaining(), null));
        assertThat(read.get(NEW_FIELD)).as("the new field's default for a v1 record").isNull();
        assertThat(read.get("event_id").toString()).isEqualTo("feed:1");
    }

    private static void assertStreamsAppKeepsGoing(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry,
                                                   PlatformTopics topics, Path state) {
        StreamsAppConfig config = StreamsAppConfig.defaults(kafka.bootstrapServers(), registry.url(), state)
                .withoutScoring().withTopics(topics).withApplicationId(TestTopics.unique("evolution-app"));
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("schema.registry.url", registry.url());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("evolution-reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, PatientHistory> histories = new ConcurrentHashMap<>();
        try (StreamsApp app = new StreamsApp(config).start(Duration.ofSeconds(60));
             KafkaConsumer<String, PatientHistory> reader = new KafkaConsumer<>(props, new StringDeserializer(),
                     deserializer(props))) {
            reader.subscribe(List.of(topics.patientHistories().name()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> histories.put(r.key(), r.value()));
                assertThat(histories.get("p-1")).as("p-1 holds its v1 and its v2 event").isNotNull()
                        .satisfies(h -> assertThat(h.getEvents()).extracting(e -> e.getEventId())
                                .containsExactlyInAnyOrder("feed:1", "feed:2"));
                assertThat(histories).as("the record after the unknown id still flows").containsKey("p-2");
            });
        }
        try (KafkaConsumer<String, DeadLetter> letters = new KafkaConsumer<>(props, new StringDeserializer(),
                deserializer(props))) {
            letters.subscribe(List.of(topics.deadLetters().name()));
            DeadLetter letter = Consume.atLeast(letters, 1, Duration.ofSeconds(30)).get(0).value();
            assertThat(letter.getStage()).isEqualTo(FailureStage.DESERIALIZATION);
            assertThat(letter.getReason()).contains("schema id " + UNKNOWN_ID + " is unknown");
            assertThat(letter.getSource().getTopic()).isEqualTo(topics.clinicalEvents().name());
        }
    }

    private static EmbeddedSchemaRegistry startRegistry(EmbeddedKafkaBroker kafka) {
        return EmbeddedSchemaRegistry.builder(kafka.bootstrapServers()).storeTopic(TestTopics.unique("_schemas"))
                .build().start();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroDeserializer<T> deserializer(
            Map<String, Object> props) {
        SpecificAvroDeserializer<T> values = new SpecificAvroDeserializer<>();
        values.configure(props, false);
        return values;
    }

    private static ClinicalEvent diagnosis(String patient, String eventId, String icd10) {
        return ClinicalEvent.newBuilder().setEventId(eventId).setPatientId(patient).setKind(EventKind.DIAGNOSIS)
                .setTime(Instant.parse("2015-03-01T00:00:00Z")).setEndTime(null)
                .setIngestedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setCode(new Code(CodeSystem.ICD10CM, icd10, null)).setValue(null).setValueText(null).setUnit(null)
                .setStatus(EventStatus.ACTIVE).setSource(new SourceRef("evolving-feed", SourceFormat.SYNTHETIC, eventId))
                .setBirthDate(null).setSex(null).build();
    }

    /** {@code event} as a v2 record: the v1 fields as they are, plus the new field. */
    private static GenericRecord asV2(ClinicalEvent event, Schema v2, String encounterId) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<ClinicalEvent>(ClinicalEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        GenericRecord record = new GenericDatumReader<GenericRecord>(ClinicalEvent.getClassSchema(), v2).read(null,
                DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        record.put(NEW_FIELD, encounterId);
        return record;
    }

    private static byte[] wire(int schemaId, GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(ByteBuffer.allocate(WireFormat.HEADER_SIZE).put(WireFormat.MAGIC_BYTE).putInt(schemaId).array());
        var encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    private static Schema withOptionalField(Schema v1) {
        Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        return withField(v1, new Schema.Field(NEW_FIELD, optionalString, "encounter the event belongs to",
                Schema.Field.NULL_DEFAULT_VALUE));
    }

    private static Schema withField(Schema v1, Schema.Field added) {
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(added);
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    private static Schema replaceField(Schema v1, String name, Schema type) {
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(f -> fields.add(f.name().equals(name) ? new Schema.Field(f.name(), type, f.doc())
                : new Schema.Field(f, f.schema())));
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    private static void produceV1(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry, String topic,
                                  ClinicalEvent event) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("schema.registry.url", registry.url());
        SpecificAvroSerializer<ClinicalEvent> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(topic, event.getPatientId(), event));
        }
    }

    private static void produceRaw(EmbeddedKafkaBroker kafka, String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.clientProperties(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** The values of a one-partition topic, in order. */
    private static List<byte[]> readRaw(EmbeddedKafkaBroker kafka, String topic, int count) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestTopics.unique("raw-reader"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            return Consume.atLeast(consumer, count, Duration.ofSeconds(30)).stream()
                    .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).map(ConsumerRecord::value).toList();
        }
    }
}
