package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FHIR connector runs a Bulk Data export against a server (here a stand-in speaking the Bulk Data
 * protocol: kick-off, 202 while in progress, manifest, NDJSON downloads) with a bearer token, and ingests it;
 * after a worker restart the next export goes on _since the last completed one.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class FhirBulkExportTest {

    private static final String TOKEN = "t0ken-for-tests";
    private static final String PATIENTS = """
            {"resourceType":"Patient","id":"p1","identifier":[{"system":"urn:test:mrn","value":"M1"}],"birthDate":"1940-02-03"}
            {"resourceType":"Patient","id":"p2","identifier":[{"system":"urn:test:mrn","value":"M2"}],"birthDate":"1945-06-07"}
            """;
    private static final String CONDITIONS = """
            {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"G30.9"}]},"onsetDateTime":"2015-01-01T10:00:00Z"}
            {"resourceType":"Condition","id":"c2","subject":{"reference":"Patient/p2"},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"I10"}]},"onsetDateTime":"2016-01-01T10:00:00Z"}
            """;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void exportIsPolledDownloadedWithTheTokenAndIngested(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        AtomicInteger polls = new AtomicInteger();
        AtomicInteger kickOffs = new AtomicInteger();
        startServer(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/$export") && kickOffs.incrementAndGet() > 1) { // after the restart: nothing new
                exchange.getResponseHeaders().add("Content-Location", "/fhir/status/2");
                respond(exchange, 202, "");
            } else if (path.endsWith("/status/2")) {
                respond(exchange, 200, "{\"transactionTime\":\"2026-02-01T00:00:00Z\",\"output\":[],\"error\":[]}");
            } else if (path.endsWith("/$export")) {
                exchange.getResponseHeaders().add("Content-Location", "/fhir/status/1");
                respond(exchange, 202, "");
            } else if (path.endsWith("/status/1")) {
                if (polls.incrementAndGet() == 1) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    respond(exchange, 202, "");
                } else {
                    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir/files/";
                    respond(exchange, 200, "{\"transactionTime\":\"2026-01-01T00:00:00Z\",\"requiresAccessToken\":true,"
                            + "\"output\":[{\"type\":\"Patient\",\"url\":\"" + base + "patients\"},"
                            + "{\"type\":\"Condition\",\"url\":\"" + base + "conditions\"}],\"error\":[]}");
                }
            } else if (path.endsWith("/files/patients")) {
                respond(exchange, 200, PATIENTS);
            } else if (path.endsWith("/files/conditions")) {
                respond(exchange, 200, CONDITIONS);
            } else {
                respond(exchange, 404, "");
            }
        });

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("fhir-export", exportConfig(feed, dir));
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.poll().size() >= 4);

            assertThat(feed.eventsRead).extracting(ClinicalEvent::getEventId).containsExactlyInAnyOrder(
                    "synthetic-hospital:Patient/p1", "synthetic-hospital:Patient/p2",
                    "synthetic-hospital:Condition/c1", "synthetic-hospital:Condition/c2");
            assertThat(requests).allSatisfy(r -> assertThat(r).endsWith("Bearer " + TOKEN));
            assertThat(requests.get(0)).contains("/fhir/$export?_outputFormat=").contains("_type=Patient");
            assertThat(polls.get()).isEqualTo(2);

            feed.restartWorker();
            feed.putConnector("fhir-export", exportConfig(feed, dir));
            await().atMost(Duration.ofSeconds(60)).until(() -> kickOffs.get() >= 2);
            assertThat(requests).filteredOn(r -> r.contains("$export")).last().asString()
                    .as("after a restart the export goes on from the last completed one")
                    .contains("_since=2026-01-01T00%3A00%3A00Z");
            assertThat(feed.poll()).as("files read before the restart are not read again").hasSize(4);
        }
    }

    @Test
    void aRefusedTokenFailsTheTaskAndSaysWhichSetting(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        startServer(exchange -> respond(exchange, 401, "{\"resourceType\":\"OperationOutcome\"}"));

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("fhir-export", exportConfig(feed, dir));

            await().atMost(Duration.ofSeconds(60)).until(() -> feed.connect().status("fhir-export").tasks().stream()
                    .anyMatch(t -> "FAILED".equals(t.state())));
            String trace = feed.connect().status("fhir-export").tasks().get(0).trace();
            assertThat(trace).contains("answered 401").contains("fhir.export.bearer.token").doesNotContain(TOKEN);
        }
    }

    private Map<String, String> exportConfig(FeedFixture feed, Path dir) throws IOException {
        Map<String, String> config = feed.feedConfig(FhirSourceConnector.class.getName());
        config.put("fhir.directory", Files.createDirectories(dir.resolve("export")).toString());
        config.put("fhir.export.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
        config.put("fhir.export.bearer.token", TOKEN);
        config.put("fhir.scan.interval.ms", "200");
        return config;
    }

    private void startServer(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fhir", exchange -> {
            requests.add(exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            handler.handle(exchange);
        });
        server.start();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
