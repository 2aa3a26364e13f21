package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.ContractSamples;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.snapshot.HistorySnapshots;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.testkit.Consume;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adrd demo} as a user runs it: a separate process that prints where it listens, turns an event into
 * a published patient history and that history into a risk record (with the bundled model), stops in order on SIGTERM, and resumes its data when started again on the
 * same directory.
 */
class DemoProcessTest {

    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void demoServesClientsStopsCleanlyAndResumesItsData(@TempDir Path dataDir) {
        int queryPort = LocalPorts.free();
        String[] args = {"demo", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--controller-port", "0",
                "--registry-port", "0", "--dashboard-port", "0", "--mllp-port", "0", "--no-feed",
                "--query-endpoint", "127.0.0.1:" + queryPort};
        ClinicalEvent event = ContractSamples.clinicalEvent();
        String topic = "clinical.events.v1";

        try (ChildJvm first = ChildJvm.start(AdrdCommand.class.getName(), args)) {
            Endpoints endpoints = Endpoints.await(first);
            produce(endpoints, topic, event);

            ConsumerRecord<String, PatientHistory> history = consumeOne(endpoints, "patient.histories.v1");
            assertThat(history.key()).isEqualTo(event.getPatientId());
            assertThat(history.value().getEvents()).extracting(HistoryEvent::getEventId)
                    .containsExactly(event.getEventId());
            ConsumerRecord<String, RiskScore> risk = consumeOne(endpoints, "adrd.risk.v1");
            assertThat(risk.key()).isEqualTo(event.getPatientId());
            assertThat(risk.value().getStatus()).as("no birth date yet: not eligible, no score")
                    .isEqualTo(ScoreStatus.NOT_ELIGIBLE);
            assertThat(first.output()).contains("scoring with adrd-default 1");

            StringWriter printed = new StringWriter();
            CommandLine consume = AdrdCommand.commandLine(Map.of());
            consume.setOut(new PrintWriter(printed, true));
            assertThat(consume.execute("consume", "adrd.risk.v1", "--from-beginning", "--max", "1",
                    "--bootstrap-servers", endpoints.bootstrapServers(), "--schema-registry-url", endpoints.registryUrl()))
                    .isZero();
            assertThat(printed.toString()).as("adrd consume prints the decoded record")
                    .startsWith(event.getPatientId() + "\t").contains("NOT_ELIGIBLE");
            standaloneDashboardAnswers(endpoints, queryPort, event.getPatientId());

            Path snapshot = dataDir.resolveSibling(dataDir.getFileName() + "-snapshot");
            int code = AdrdCommand.commandLine(Map.of()).execute("snapshot", "--bootstrap-servers",
                    endpoints.bootstrapServers(), "--schema-registry-url", endpoints.registryUrl(),
                    "--out", snapshot.toString());
            assertThat(code).isZero();
            assertThat(HistorySnapshots.readFiles(snapshot)).singleElement()
                    .satisfies(h -> assertThat(h.getPatientId()).isEqualTo(event.getPatientId()));

            assertThat(first.terminate(Duration.ofSeconds(60))).as("exit on SIGTERM").isIn(0, 143);
            assertThat(first.output()).contains("Stopping adrd demo...").contains("adrd demo stopped.");
        }

        try (ChildJvm second = ChildJvm.start(AdrdCommand.class.getName(), args)) {
            Endpoints endpoints = Endpoints.await(second);

            assertThat(DemoProcessTest.<ClinicalEvent>consumeOne(endpoints, topic).value())
                    .as("events survive a restart").isEqualTo(event);
            assertThat(second.terminate(Duration.ofSeconds(60))).as("exit on SIGTERM").isIn(0, 143);
        }
    }

    /** {@code adrd dashboard} on its own, against the demo's cluster and its streams query API. */
    private static void standaloneDashboardAnswers(Endpoints endpoints, int queryPort, String patient) {
        try (ChildJvm dashboard = ChildJvm.start(AdrdCommand.class.getName(), "dashboard", "--bootstrap-servers",
                endpoints.bootstrapServers(), "--schema-registry-url", endpoints.registryUrl(), "--port", "0",
                "--query-url", "http://127.0.0.1:" + queryPort)) {
            String url = dashboard.awaitLine(line -> line.startsWith("Dashboard on "), START).split("\\s+")[2];
            HttpClient http = HttpClient.newHttpClient();
            String view = await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                    URI.create(url + "api/patients/" + patient)).build(), HttpResponse.BodyHandlers.ofString()),
                    answer -> answer.statusCode() == 200 && answer.body().contains("NOT_ELIGIBLE")).body();
            assertThat(view).as("history from the demo's query API, status from the risk topic")
                    .contains("\"patient_id\":\"" + patient + "\"").contains("\"events\":[{");
            assertThat(dashboard.terminate(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }

    record Endpoints(String bootstrapServers, String registryUrl) {
        static Endpoints await(ChildJvm demo) {
            demo.awaitLine(line -> line.equals("READY"), START);
            String kafka = demo.awaitLine(line -> line.contains("Kafka bootstrap servers"), START);
            String registry = demo.awaitLine(line -> line.contains("Schema registry"), START);
            return new Endpoints(kafka.trim().split("\\s+")[3], registry.trim().split("\\s+")[2]);
        }
    }

    private static void produce(Endpoints endpoints, String topic, ClinicalEvent event) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        props.put("schema.registry.url", endpoints.registryUrl());
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, event.getPatientId(), event));
        }
    }

    private static <T extends SpecificRecord> ConsumerRecord<String, T> consumeOne(Endpoints endpoints, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-process-test-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SpecificAvroDeserializer.class.getName());
        props.put("schema.registry.url", endpoints.registryUrl());
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, T>> records = Consume.atLeast(consumer, 1, Duration.ofSeconds(60));
            assertThat(records).as("records on %s after restart", topic).isNotEmpty();
            return records.get(0);
        }
    }
}
