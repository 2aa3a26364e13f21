package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.care.PatientIdentity;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.hl7.Hl7Writer;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names, addresses and medical record numbers never reach a topic or a log line. {@code adrd demo} takes a
 * generated cohort with names, street addresses and MRNs through the real FHIR and HL7 connectors; then
 * every record of every topic on the broker (internal ones, changelogs and aborted transactions included) and
 * everything the demo printed are searched for each patient's identifiers, in the forms a leak would take
 * (the MRN, the street address, FHIR's {@code "family":"..."}, HL7's {@code Family^Given}, "Given Family"):
 * zero hits. The same search finds an identifier planted on a topic of its own, and finds them all in the
 * hospital's own files, so it is able to find them.
 */
class PhiScanTest {

    private static final int PATIENTS = 16;
    private static final long SEED = 29;
    private static final String DEMO_KEY = "adrd-stream-synthetic-demo-key";
    private static final Duration START = Duration.ofSeconds(120);

    @Test
    void noIdentifierReachesATopicOrTheLog(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("demo");
        String[] args = {"demo", "--data-dir", data.toString(), "--kafka-port", "0", "--controller-port", "0",
                "--registry-port", "0", "--dashboard-port", "0", "--mllp-port", "0", "--patients",
                Integer.toString(PATIENTS), "--rate", "2000", "--seed", Long.toString(SEED), "--status-interval-s", "1",
                "--publish-interval-ms", "500"};
        CohortGenerator generator = new CohortGenerator(CohortSettings.defaults(SEED), Pseudonymiser.withKey(DEMO_KEY));
        List<PatientRecord> cohort = new ArrayList<>();
        for (int k = 0; k < PATIENTS; k++) {
            cohort.add(generator.patient(k));
        }
        Map<String, String> needles = needles(cohort); // needle -> what it is, for the failure message

        try (ChildJvm demo = ChildJvm.start(AdrdCommand.class.getName(), args)) {
            demo.awaitLine(line -> line.equals("READY"), START);
            demo.awaitLine(line -> line.contains("feed " + PATIENTS + "/" + PATIENTS + " patients"), Duration.ofSeconds(180));
            String kafka = demo.awaitLine(line -> line.contains("Kafka bootstrap servers"), START).trim().split("\\s+")[3];
            String registry = demo.awaitLine(line -> line.contains("Schema registry"), START).trim().split("\\s+")[2];
            Map<String, PatientHistory> histories = new HashMap<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                TopicReader.<PatientHistory>latestByKey(kafka, registry, "patient.histories.v1", histories);
                return histories.keySet().containsAll(cohort.stream().map(p -> p.identity().pseudonym()).toList());
            });

            // A planted identifier, which the scan must report: it reads what it claims to read.
            String canary = "phi-scan-canary";
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(canary, null, ("{\"street\":\"" + cohort.get(0).identity().street()
                        + "\"}").getBytes(StandardCharsets.UTF_8))).get();
            }
            Map<String, Integer> hits = new TreeMap<>();
            Set<String> topics;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
                topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            }
            long records = 0;
            for (String topic : topics) {
                List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
                TopicReader.raw(kafka, topic, all::add);
                records += all.size();
                for (ConsumerRecord<byte[], byte[]> record : all) {
                    search(topic, text(record), needles, hits);
                }
            }
            assertThat(topics).as("the scan covers the platform's topics and the streams changelogs")
                    .contains("clinical.events.v1", "patient.histories.v1", "adrd.risk.v1", "_schemas")
                    .anyMatch(t -> t.endsWith("-changelog"));
            assertThat(records).as("records scanned").isGreaterThan(1_000);

            assertThat(hits.remove(canary + ": street " + cohort.get(0).identity().street())).as("the planted one")
                    .isEqualTo(1);

            assertThat(demo.terminate(Duration.ofSeconds(60))).isIn(0, 143);
            search("the demo's output", demo.output(), needles, hits);
            assertThat(hits).as("identifiers found (where: what)").isEmpty();
        }

        // The same search finds the identifiers where the hospital keeps them: its FHIR export and HL7 messages.
        Map<String, Integer> inSources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(data.resolve("feed").resolve("fhir"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                search("fhir", Files.readString(file, StandardCharsets.ISO_8859_1), needles, inSources);
            }
        }
        try (Hl7Writer writer = new Hl7Writer(dir.resolve("hl7"), CohortSettings.DEFAULT_FEED)) {
            for (PatientRecord patient : cohort) {
                writer.write(patient);
            }
        }
        search("hl7", Files.readString(dir.resolve("hl7").resolve(Hl7Writer.FILE), StandardCharsets.ISO_8859_1),
                needles, inSources);
        assertThat(inSources.keySet()).as("every kind of identifier is found in the sources")
                .anyMatch(k -> k.startsWith("fhir: MRN")).anyMatch(k -> k.startsWith("fhir: street"))
                .anyMatch(k -> k.startsWith("fhir: FHIR family")).anyMatch(k -> k.startsWith("hl7: HL7 name"))
                .anyMatch(k -> k.startsWith("hl7: street"));
    }

    /** Each patient's identifiers in the forms a leak would take. */
    private static Map<String, String> needles(List<PatientRecord> cohort) {
        Map<String, String> needles = new HashMap<>();
        for (PatientRecord patient : cohort) {
            PatientIdentity id = patient.identity();
            needles.put(id.mrn(), "MRN");
            needles.put(id.street(), "street");
            needles.put("\"family\":\"" + id.familyName() + "\"", "FHIR family");
            needles.put(id.familyName() + "^" + id.givenName(), "HL7 name");
            needles.put(id.givenName() + " " + id.familyName(), "full name");
        }
        return needles;
    }

    /** Keys, values and headers as ISO-8859-1 text: every byte one char, so UTF-8 needles match byte for byte. */
    private static String text(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        for (byte[] part : new byte[][] {record.key(), record.value()}) {
            if (part != null) {
                text.append(new String(part, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        for (Header header : record.headers()) {
            text.append(header.key()).append('=').append(header.value() == null ? ""
                    : new String(header.value(), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return text.toString();
    }

    private static void search(String where, String text, Map<String, String> needles, Map<String, Integer> hits) {
        needles.forEach((needle, kind) -> {
            String bytes = new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            if (text.contains(bytes)) {
                hits.merge(where + ": " + kind + " " + needle, 1, Integer::sum);
            }
        });
    }
}
