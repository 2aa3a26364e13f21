package org.adrdstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.ContractSamples;
import org.adrdstream.contract.RiskBand;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.streams.query.ApiToken;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard on a real broker and registry: it reads what is on the platform topics (risk records, dead
 * letters, events, history keys) and serves it: newest rows with their change, a live stream that delivers a
 * new record, the patient view, pipeline health with the dead letter's reason and the lag, Prometheus text,
 * and a page whose assets are all its own.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DashboardEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedSchemaRegistry registry;
    private PlatformTopics topics;
    private KafkaProducer<String, SpecificRecord> producer;
    private Dashboard dashboard;

    @BeforeEach
    void start(EmbeddedKafkaBroker kafka) {
        registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers()).storeTopic(TestTopics.unique("_schemas"))
                .port(0).build().start();
        topics = PlatformTopics.of(TestTopics.unique("dash") + ".", 2);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicProvisioner.ensure(admin, topics.all(), (short) 1);
        }
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        props.put("schema.registry.url", registry.url());
        producer = new KafkaProducer<>(props);

        Map<String, Object> clients = new HashMap<>(kafka.clientProperties());
        clients.put("schema.registry.url", registry.url());
        dashboard = Dashboard.start(new DashboardConfig("127.0.0.1", 0, clients, topics, TestTopics.unique("no-such-app"),
                patient -> patient.equals("p-a") ? Optional.of(JSON.createObjectNode().put("patient_id", "p-a")
                        .put("birth_date", "1944-03-01").put("version", 3)) : Optional.empty(), null, Optional::empty, Instant.now().minusSeconds(5),
                ApiToken.none()));
    }

    @AfterEach
    void stop() {
        dashboard.close();
        producer.close();
        registry.close();
    }

    @Test
    void servesWhatThePlatformTopicsHold(EmbeddedKafkaBroker kafka) throws Exception {
        ClinicalEvent event = ContractSamples.clinicalEvent();
        send(topics.clinicalEvents().name(), event.getPatientId(), event);
        send(topics.deadLetters().name(), "Condition/77", ContractSamples.deadLetter());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.patientHistories().name(), bytes("p-a"), bytes("not decoded"))).get();
            raw.send(new ProducerRecord<>(topics.riskScores().name(), bytes("p-x"), bytes("no magic byte"))).get();
        }
        send(topics.riskScores().name(), "p-a", score("p-a", 0.10, 1));
        send(topics.riskScores().name(), "p-a", score("p-a", 0.30, 2));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/scores").body().contains("\"history_version\":2"));
        JsonNode rows = JSON.readTree(get("/api/scores?limit=10").body());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("score").asDouble()).isEqualTo(0.30);
        assertThat(rows.get(0).get("change").asDouble()).isCloseTo(0.20, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(rows.get(0).get("band").asText()).isEqualTo("HIGH");
        assertThat(rows.get(0).get("evidence").get(0).get("display").asText()).isNotBlank();

        BlockingQueue<String> stream = openStream();
        assertThat(stream.poll(30, TimeUnit.SECONDS)).as("the backlog comes first").contains("\"history_version\":1");
        assertThat(stream.poll(30, TimeUnit.SECONDS)).contains("\"history_version\":2");
        send(topics.riskScores().name(), "p-b", score("p-b", 0.05, 7));
        assertThat(stream.poll(30, TimeUnit.SECONDS)).as("a new record arrives live")
                .contains("\"patient_id\":\"p-b\"").contains("\"history_version\":7");

        JsonNode patient = JSON.readTree(get("/api/patients/p-a").body());
        assertThat(patient.get("history").get("version").asInt()).isEqualTo(3);
        assertThat(patient.get("history").get("birth_year").asText()).isEqualTo("1944");
        assertThat(patient.toString()).as("the page gets the birth year only").doesNotContain("1944-03-01");
        assertThat(patient.get("scores")).hasSize(2);
        assertThat(patient.get("latest").get("score").asDouble()).isEqualTo(0.30);
        assertThat(get("/api/patients/p-nobody").statusCode()).isEqualTo(404);
        assertThat(get("/api/patients/p-b").statusCode()).as("scores without a history still show").isEqualTo(200);

        // The lag is refreshed every 5 s, so it counts the event from the second refresh on.
        JsonNode health = await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/api/health").body()),
                h -> h.get("dead_letters").asLong() == 1 && h.get("lag").has(topics.clinicalEvents().name())
                        && h.get("lag").get(topics.clinicalEvents().name()).asLong() > 0);
        assertThat(health.get("events_in").asLong()).isEqualTo(1);
        assertThat(health.get("patients_with_risk").asLong()).isEqualTo(2);
        assertThat(health.get("undecodable").asLong()).as("the broken risk record is counted, not shown").isEqualTo(1);
        assertThat(health.get("feeds").fieldNames().next()).contains(event.getSource().getFeed());
        assertThat(health.get("histories_published").asLong()).isEqualTo(1);
        assertThat(health.get("dead_letter_entries").get(0).get("reason").asText())
                .isEqualTo(ContractSamples.deadLetter().getReason());
        assertThat(health.get("dead_letter_entries").get(0).get("source").asText()).contains("2019-03-14.ndjson:88");
        assertThat(health.toString()).as("dead-letter payloads never reach the page").doesNotContain("resourceType");
        assertThat(health.get("lag").get(topics.clinicalEvents().name()).asLong())
                .as("an application that never committed lags by the whole topic").isEqualTo(1);
        assertThat(health.get("model_in_service").asText()).isEqualTo("adrd-transformer-small 3");

        String metrics = get("/metrics").body();
        assertThat(metrics).contains("adrd_risk_scored 3.0").contains("adrd_dead_letters 1.0")
                .contains("adrd_histories_published 1.0").contains("adrd_dashboard_undecodable 1.0")
                .contains("jvm_memory_used_bytes");
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void thePageAndItsAssetsAreServedWithoutExternalReferences() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        for (String asset : List.of("/", "/app.js", "/style.css")) {
            String body = get(asset).body();
            assertThat(body).as(asset).isNotBlank().doesNotContainPattern("(src|href)=\"https?://")
                    .doesNotContain("cdn.").doesNotContain("@import url(http");
        }
        assertThat(get("/no-such-page").statusCode()).isEqualTo(404);
    }

    private BlockingQueue<String> openStream() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri("/api/scores/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(line.substring("data: ".length()));
                    }
                }
            } catch (java.io.IOException e) {
                // the dashboard closed the stream at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private RiskScore score(String patient, double score, long version) {
        return RiskScore.newBuilder(ContractSamples.riskScore()).setPatientId(patient).setScore(score)
                .setBand(RiskBand.HIGH).setHistoryVersion(version).setScoredAt(Instant.now()).build();
    }

    private void send(String topic, String key, SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(dashboard.url()).resolve(path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
