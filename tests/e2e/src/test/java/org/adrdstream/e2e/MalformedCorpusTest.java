package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.connect.hl7.MllpSourceConnector;
import org.adrdstream.connect.omop.OmopSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.contract.SourceRef;
import org.adrdstream.e2e.MalformedCorpus.Case;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.serde.WireFormat;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.runtime.AbstractStatus;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of the malformed-input corpus (over 200: FHIR lines, HL7 messages, OMOP rows, Avro values, plus
 * two 10 MB fields made here) goes through the real connectors or straight onto the events topic, between good
 * records, with the streams application running. Each case is dead-lettered with a reason and its source
 * coordinates, or refused at the edge with a reason (HL7 AR); the good records around every case arrive; and
 * no connector task or stream thread stops.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class MalformedCorpusTest {

    private static final String FEED = "synthetic-hospital";
    private static final int TEN_MB = 10 * 1024 * 1024;
    private static final String PATIENT = "{\"resourceType\":\"Patient\",\"id\":\"pt-%1$d\",\"identifier\":[{\"type\":{\"coding\":"
            + "[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0203\",\"code\":\"MR\"}]},\"system\":\"urn:oid:1.2.3\","
            + "\"value\":\"MRN-F-%1$d\"}],\"gender\":\"female\",\"birthDate\":\"1940-05-01\"}";
    private static final String CONDITION = "{\"resourceType\":\"Condition\",\"id\":\"cg-%1$d\",\"subject\":{\"reference\":"
            + "\"Patient/pt-%1$d\"},\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"I10\"}]},"
            + "\"onsetDateTime\":\"2015-03-01\"}";
    private static final String OBSERVATION = "{\"resourceType\":\"Observation\",\"id\":\"og-%1$d\",\"status\":\"final\","
            + "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":"
            + "\"laboratory\"}]}],\"subject\":{\"reference\":\"Patient/pt-%1$d\"},\"code\":{\"coding\":[{\"system\":"
            + "\"http://loinc.org\",\"code\":\"4548-4\"}]},\"effectiveDateTime\":\"2016-01-02T10:00:00Z\",\"valueQuantity\":"
            + "{\"value\":6.1,\"unit\":\"%%\"}}";
    private static final String HL7_GOOD = "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101120000||ADT^A04^ADT_A01|%1$s|P|2.5.1\r"
            + "EVN|A04|20240101120000\rPID|1||MRN-H-%1$s^^^corpus&urn:corpus:mrn&URI^MR||Doe^Jane||19400501|F\r"
            + "PV1|1|O\rDG1|1||I10^Hypertension^I10C||20240101|A\r";

    private final MalformedCorpus corpus = new MalformedCorpus();

    @Test
    void everyMalformedInputIsRefusedWithAReasonAndTheRecordsAroundItFlow(EmbeddedKafkaBroker kafka, @TempDir Path work)
            throws Exception {
        List<Case> fhir = new ArrayList<>(corpus.fhir);
        fhir.add(new Case(1000 + fhir.size(), "condition-10mb-display", null, CONDITION.formatted(1000 + fhir.size())
                .replace("\"code\":\"I10\"", "\"code\":\"I10\",\"display\":\"" + "x".repeat(TEN_MB) + "\"")));
        List<Case> hl7 = new ArrayList<>(corpus.hl7);
        int big = 2000 + hl7.size();
        hl7.add(new Case(big, "obx-10mb-coded-answer", null, ("MSH|^~\\&|LAB|FAC|ADRD-STREAM|ADRD|20240102120000||ORU^R01^ORU_R01"
                + "|bad-" + big + "|P|2.5.1¶PID|1||MRN-B-" + big + "^^^corpus&urn:corpus:mrn&URI^MR||Doe^Jane||19400501|F¶"
                + "OBR|1||lab-" + big + "|4548-4^HbA1c^LN|||20240102080000¶OBX|1|CWE|4548-4^HbA1c^LN||A^" + "x".repeat(TEN_MB)
                + "||||||F|||20240102080000")));
        assertThat(fhir.size() + hl7.size() + corpus.omop.size() + corpus.avro.size()).as("cases").isGreaterThanOrEqualTo(200);

        try (FeedFixture feed = new FeedFixture(kafka, work);
             StreamsApp streams = startStreams(feed, work.resolve("streams"))) {
            Path fhirDir = Files.createDirectories(work.resolve("fhir"));
            OmopCorpusFiles omop = OmopCorpusFiles.write(corpus.omop, Files.createDirectories(work.resolve("omop")));
            int port = LocalPorts.free();
            feed.putConnector("fhir", connectorConfig(feed, FhirSourceConnector.class, Map.of("fhir.directory",
                    fhirDir.toString(), "fhir.scan.interval.ms", "500")));
            feed.putConnector("omop", connectorConfig(feed, OmopSourceConnector.class, Map.of("omop.directory",
                    work.resolve("omop").toString())));
            feed.putConnector("mllp", connectorConfig(feed, MllpSourceConnector.class, Map.of("mllp.port",
                    Integer.toString(port), "producer.override.linger.ms", "0")));
            writeFhirCases(fhir, fhirDir);
            Map<Case, String> acks = sendHl7Cases(hl7, port);
            Map<Case, RecordMetadata> avro = produceAvroCases(feed);

            Map<Case, Predicate<DeadLetter>> evidence = new LinkedHashMap<>();
            fhir.forEach(c -> evidence.put(c, fromFile("case-" + c.number() + ".ndjson", 3).or(validated("-" + c.number() + "\""))));
            hl7.forEach(c -> evidence.put(c, refusedAtTheEdge(acks.get(c)) ? l -> true
                    : fromRecord("bad-" + c.number()).or(validated("bad-" + c.number()))
                    .or(validated("lab-" + c.number() + "\""))));
            corpus.omop.forEach(c -> evidence.put(c, fromFile(c.table() + ".csv", omop.lineOf(c))
                    .or(validated("/" + c.number() + "\""))));
            avro.forEach((c, at) -> evidence.put(c, l -> l.getStage() == FailureStage.DESERIALIZATION
                    && at.topic().equals(l.getSource().getTopic()) && Integer.valueOf(at.partition()).equals(l.getSource().getPartition())
                    && Long.valueOf(at.offset()).equals(l.getSource().getOffset())));

            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                feed.poll();
                List<String> unrefused = evidence.entrySet().stream()
                        .filter(e -> feed.deadLettersRead.stream().noneMatch(e.getValue())).map(e -> e.getKey().toString())
                        .toList();
                assertThat(unrefused).as("cases neither dead-lettered nor refused at the edge").isEmpty();
                assertThat(missingGoodEvents(feed, fhir, hl7, omop)).as("good records around the cases").isEmpty();
            });
            assertThat(feed.deadLettersRead).as("every dead letter says why").allSatisfy(l -> assertThat(l.getReason()).isNotBlank());
            assertThat(acks).as("HL7 good messages around the cases").allSatisfy((c, ack) -> assertThat(ack).isNotNull());
            for (String connector : List.of("fhir", "omop", "mllp")) {
                assertThat(feed.connect().status(connector).tasks()).as(connector + " tasks")
                        .allSatisfy(t -> assertThat(t.state()).isEqualTo(AbstractStatus.State.RUNNING.toString()));
            }
            assertThat(streams.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            System.out.println(whereRefused(feed.deadLettersRead, acks));
        }
    }

    private static StreamsApp startStreams(FeedFixture feed, Path state) {
        StreamsAppConfig config = StreamsAppConfig.defaults(feed.kafka.bootstrapServers(), feed.registry.url(), state)
                .withoutScoring().withTopics(feed.topics).withApplicationId(TestTopics.unique("corpus-app"));
        return new StreamsApp(config).start(Duration.ofSeconds(60));
    }

    private static Map<String, String> connectorConfig(FeedFixture feed, Class<?> connector, Map<String, String> own) {
        Map<String, String> config = feed.feedConfig(connector.getName());
        config.put("feed.name", FEED);
        config.putAll(own);
        return config;
    }

    /** Each case in its own file, between a patient with a diagnosis and a lab: the case is line 3. */
    private static void writeFhirCases(List<Case> cases, Path dir) throws IOException {
        for (Case c : cases) {
            int n = c.number();
            String lines = String.join("\n", PATIENT.formatted(n), CONDITION.formatted(n),
                    c.text().replace("{P}", "pt-" + n).replace('\n', ' ').replace('\r', ' '), OBSERVATION.formatted(n)) + "\n";
            Path staged = dir.resolve("case-" + n + ".tmp");
            Files.writeString(staged, lines, StandardCharsets.UTF_8);
            Files.move(staged, dir.resolve("case-" + n + ".ndjson")); // the connector reads only whole .ndjson files
        }
    }

    /** Each case between two good messages; the answer to each bad one, or null where a good one was not AA. */
    private static Map<Case, String> sendHl7Cases(List<Case> cases, int port) throws Exception {
        LocalPorts.awaitListening(port);
        Map<Case, String> acks = new LinkedHashMap<>();
        try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(60))) {
            for (Case c : cases) {
                String before = MllpClient.acknowledgementCode(client.send(HL7_GOOD.formatted("good-" + c.number() + "-a")));
                String ack = client.send(MalformedCorpus.hl7Message(c));
                String after = MllpClient.acknowledgementCode(client.send(HL7_GOOD.formatted("good-" + c.number() + "-b")));
                acks.put(c, "AA".equals(before) && "AA".equals(after) ? ack : null);
            }
        }
        return acks;
    }

    private Map<Case, RecordMetadata> produceAvroCases(FeedFixture feed) throws Exception {
        String topic = feed.topics.clinicalEvents().name();
        Map<String, Object> props = new HashMap<>(feed.kafka.clientProperties());
        props.put("schema.registry.url", feed.registry.url());
        byte[] valid;
        try (SpecificAvroSerializer<ClinicalEvent> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(props, false);
            valid = serializer.serialize(topic, goodEvent());
        }
        int schemaId = ByteBuffer.wrap(valid, 1, 4).getInt();
        byte[] payload = Arrays.copyOfRange(valid, WireFormat.HEADER_SIZE, valid.length);
        Map<Case, RecordMetadata> sent = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (Case c : corpus.avro) {
                sent.put(c, producer.send(new ProducerRecord<>(topic, "avro-" + c.number(),
                        MalformedCorpus.avroBytes(c, schemaId, payload))).get());
            }
            producer.send(new ProducerRecord<>(topic, "avro-good", valid)).get();
        }
        return sent;
    }

    private static ClinicalEvent goodEvent() {
        return ClinicalEvent.newBuilder().setEventId(FEED + ":avro-good").setPatientId("avro-good")
                .setKind(EventKind.DIAGNOSIS).setTime(Instant.parse("2015-03-01T00:00:00Z")).setEndTime(null)
                .setIngestedAt(Instant.parse("2026-01-01T00:00:00Z")).setCode(new Code(CodeSystem.ICD10CM, "I10", null))
                .setValue(null).setValueText(null).setUnit(null).setStatus(EventStatus.ACTIVE)
                .setSource(new SourceRef(FEED, SourceFormat.SYNTHETIC, "avro-good")).setBirthDate(null).setSex(null)
                .build();
    }

    private static List<String> missingGoodEvents(FeedFixture feed, List<Case> fhir, List<Case> hl7, OmopCorpusFiles omop) {
        Set<String> ids = feed.eventsRead.stream().map(ClinicalEvent::getEventId).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Case c : fhir) {
            for (String id : List.of("Patient/pt-", "Condition/cg-", "Observation/og-")) {
                if (!ids.contains(FEED + ":" + id + c.number())) {
                    missing.add(id + c.number());
                }
            }
        }
        for (Case c : hl7) {
            for (String control : List.of("good-" + c.number() + "-a", "good-" + c.number() + "-b")) {
                if (ids.stream().noneMatch(id -> id.contains(control))) {
                    missing.add(control);
                }
            }
        }
        omop.goodRecords().stream().filter(ref -> !ids.contains(FEED + ":" + ref)).forEach(missing::add);
        return missing;
    }

    private static Predicate<DeadLetter> fromFile(String file, Integer line) {
        return l -> l.getSource().getFile() != null && l.getSource().getFile().endsWith(file)
                && line != null && line.longValue() == (l.getSource().getLine() == null ? -1 : l.getSource().getLine());
    }

    private static Predicate<DeadLetter> fromRecord(String prefix) {
        return l -> l.getSource().getRecordRef() != null && l.getSource().getRecordRef().startsWith(prefix);
    }

    /** A letter of the streams application's validation whose event carries {@code token}. */
    private static Predicate<DeadLetter> validated(String token) {
        return l -> l.getStage() == FailureStage.VALIDATION && l.getPayloadText() != null && l.getPayloadText().contains(token);
    }

    private static boolean refusedAtTheEdge(String ack) {
        return ack != null && MllpClient.acknowledgementCode(ack).equals("AR");
    }

    private static String whereRefused(List<DeadLetter> letters, Map<Case, String> acks) {
        Map<String, Long> byStage = new TreeMap<>(letters.stream().collect(Collectors.groupingBy(
                l -> String.valueOf(l.getStage()), Collectors.counting())));
        Map<String, Long> byAck = new TreeMap<>(acks.values().stream().collect(Collectors.groupingBy(
                ack -> ack == null ? "good neighbour not AA" : MllpClient.acknowledgementCode(ack), Collectors.counting())));
        return "malformed corpus: dead letters by stage " + byStage + "; HL7 answers " + byAck;
    }


}
