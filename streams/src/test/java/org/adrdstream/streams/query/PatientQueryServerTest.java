package org.adrdstream.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.Events;
import org.adrdstream.streams.history.HistoryTopology;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Any instance answers for any patient: from its own stores, or by forwarding to the owner. */
@ExtendWith(EmbeddedKafkaExtension.class)
class PatientQueryServerTest {

    private static final int PATIENTS = 30;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPatientIsAnsweredByEitherInstance(EmbeddedKafkaBroker kafka, @TempDir Path state) throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            PlatformTopics topics = PlatformTopics.of(TestTopics.unique("query") + ".", 4);
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                TopicProvisioner.ensure(admin, topics.all(), (short) 1);
            }
            StreamsAppConfig config = StreamsAppConfig.defaults(kafka.bootstrapServers(), registry.url(), state)
                    .withScoring(ScoringSettings.defaults(state.resolve("models")).withDevice("cpu", 1))
                    .withTopics(topics).withApplicationId(TestTopics.unique("query-app"));
            String a = "127.0.0.1:" + freePort();
            String b = "127.0.0.1:" + freePort();
            try (StreamsApp first = start(config.withQueryEndpoint(a), state.resolve("a"));
                 StreamsApp second = start(config.withQueryEndpoint(b), state.resolve("b"))) {
                produce(kafka, registry, topics);

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    for (int p = 0; p < PATIENTS; p++) {
                        for (String endpoint : List.of(a, b)) {
                            HttpResponse<String> answer = get(endpoint, "pt-" + p);
                            assertThat(answer.statusCode()).as("%s from %s: %s", "pt-" + p, endpoint, answer.body())
                                    .isEqualTo(200);
                            JsonNode history = HistoryJson.JSON.readTree(answer.body());
                            assertThat(history.path("events")).hasSize(2);
                            assertThat(history.path("events").get(0).path("event_id").asText()).isEqualTo("pt-" + p + ":1");
                        }
                        HttpResponse<String> riskFromA = get(a, "pt-" + p, "risk");
                        assertThat(riskFromA.statusCode()).as("risk of %s: %s", "pt-" + p, riskFromA.body()).isEqualTo(200);
                        JsonNode risk = HistoryJson.JSON.readTree(riskFromA.body());
                        assertThat(risk.path("patient_id").asText()).isEqualTo("pt-" + p);
                        assertThat(risk.path("status").asText()).isNotBlank();
                        assertThat(risk.path("history_version").asLong()).isBetween(1L, 2L);
                        assertThat(get(b, "pt-" + p, "risk").body()).as("the same record from either instance")
                                .isEqualTo(riskFromA.body());
                    }
                });
                Set<String> owners = new HashSet<>();
                for (int p = 0; p < PATIENTS; p++) {
                    owners.add(first.streams().queryMetadataForKey(HistoryTopology.HEADERS_STORE, "pt-" + p,
                            Serdes.String().serializer()).activeHost().toString());
                }
                assertThat(owners).as("both instances own patients, so some answers were forwarded").hasSize(2);
                HttpResponse<String> unknown = get(a, "nobody");
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(unknown.body()).contains("no history for patient nobody");
                assertThat(get(a, "nobody", "risk").body()).contains("no risk record for patient nobody");
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://" + a + "/patients/x/scores")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("no such endpoint");
                assertThat(probe(a, "/readyz").statusCode()).as("a running instance is ready").isEqualTo(200);
                assertThat(probe(a, "/healthz").body()).contains("RUNNING");
            }
        }
    }

    @Test
    void answersServiceUnavailableWithRetryAfterUntilTheStoresAreReady(EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws Exception {
        String endpoint = "127.0.0.1:" + freePort();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
             StreamsApp app = new StreamsApp(StreamsAppConfig.defaults(kafka.bootstrapServers(),
                     registry.url(), state).withoutScoring().withApplicationId(TestTopics.unique("not-started")));
             PatientQueryServer server = new PatientQueryServer(app.streams(), HostInfo.buildFromEndpoint(endpoint),
                     1000, false, ApiToken.none()).start()) {
            HttpResponse<String> answer = get(endpoint, "pt-1");

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("1");
            assertThat(answer.body()).contains("restoring or moving");
            assertThat(probe(endpoint, "/readyz").statusCode()).as("not started: not ready").isEqualTo(503);
            assertThat(probe(endpoint, "/readyz").body()).contains("CREATED");
            assertThat(probe(endpoint, "/healthz").statusCode()).as("alive while starting").isEqualTo(200);
            HttpResponse<String> risk = get(endpoint, "pt-1", "risk");
            assertThat(risk.statusCode()).isEqualTo(404);
            assertThat(risk.body()).as("scoring is off here").contains("this instance does not score");
        }
    }

    private HttpResponse<String> probe(String endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String endpoint, String patient) throws Exception {
        return get(endpoint, patient, "history");
    }

    private HttpResponse<String> get(String endpoint, String patient, String what) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint + "/patients/" + patient + "/" + what))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static StreamsApp start(StreamsAppConfig config, Path stateDir) {
        return new StreamsApp(config.withStateDir(stateDir)).start(Duration.ofSeconds(60));
    }

    private static void produce(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry, PlatformTopics topics) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("schema.registry.url", registry.url());
        SpecificAvroSerializer<ClinicalEvent> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            for (int p = 0; p < PATIENTS; p++) {
                String patient = "pt-" + p;
                for (int e = 2; e >= 1; e--) {
                    ClinicalEvent event = Events.diagnosis(patient, patient + ":" + e,
                            Instant.parse("2012-01-01T00:00:00Z").plusSeconds(e * 86_400L), "I10");
                    producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), patient, event));
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
