package org.adrdstream.streams.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.adrdstream.streams.history.HistoryQueries;
import org.adrdstream.streams.history.HistoryTopology;
import org.adrdstream.streams.scoring.RiskQueries;
import org.adrdstream.streams.scoring.ScoringTopology;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive-query API of one streams instance: {@code GET /patients/{pseudonym}/history} (the current
 * history) and {@code GET /patients/{pseudonym}/risk} (the latest risk record, where the instance scores)
 * answer from this instance's stores when it owns the patient's partition, and otherwise forward the request
 * to the owner that Streams metadata names. 404 for a patient no instance holds; 503 with {@code Retry-After}
 * while stores restore or partitions move. {@code GET /healthz} answers while the instance has not failed
 * (liveness) and {@code GET /readyz} once it is RUNNING (readiness: Kubernetes routes queries to it then).
 */
public final class PatientQueryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PatientQueryServer.class);
    private static final Pattern ENDPOINT = Pattern.compile("/patients/([^/]+)/(history|risk)/?");
    private static final String ENDPOINTS = "use GET /patients/{pseudonym}/history or /patients/{pseudonym}/risk";
    private static final String FORWARDED = "forwarded";
    private final ApiToken token;

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HistoryQueries histories;
    private final RiskQueries risks;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    /**
     * Listens on {@code self}, the address other instances know this one by ({@code application.server});
     * answers with at most {@code maxDetailedEvents} detailed events, as publications do; {@code scores} says
     * whether the instance runs scoring (its risk records are then answered too).
     */
    public PatientQueryServer(KafkaStreams streams, HostInfo self, int maxDetailedEvents, boolean scores,
                              ApiToken token) {
        this.streams = streams;
        this.token = token;
        this.self = self;
        this.histories = new HistoryQueries(streams, maxDetailedEvents);
        this.risks = scores ? new RiskQueries(streams) : null;
        try {
            server = HttpServer.create(new InetSocketAddress(self.host(), self.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for queries on " + self, e);
        }
        server.setExecutor(executor);
        server.createContext("/patients/", this::handle).getFilters().add(token);
        server.createContext("/healthz", exchange -> probe(exchange, streams.state() != KafkaStreams.State.ERROR
                && streams.state() != KafkaStreams.State.NOT_RUNNING));
        server.createContext("/readyz", exchange -> probe(exchange, streams.state() == KafkaStreams.State.RUNNING));
    }

    public PatientQueryServer start() {
        server.start();
        log.info("patient queries on http://{}:{}/patients/{{pseudonym}}/history{}", self.host(), self.port(),
                risks == null ? "" : " and /risk");
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher match = ENDPOINT.matcher(exchange.getRequestURI().getRawPath());
            if (!"GET".equals(exchange.getRequestMethod()) || !match.matches()) {
                respond(exchange, 404, error("no such endpoint; " + ENDPOINTS));
                return;
            }
            String patient = URLDecoder.decode(match.group(1), StandardCharsets.UTF_8);
            boolean risk = match.group(2).equals("risk");
            if (risk && risks == null) {
                respond(exchange, 404, error("this instance does not score (started with --no-scoring): ask an "
                        + "instance that scores, or read adrd.risk.v1"));
                return;
            }
            boolean forwarded = String.valueOf(exchange.getRequestURI().getRawQuery()).contains(FORWARDED);
            try {
                answer(exchange, patient, risk, forwarded);
            } catch (InvalidStateStoreException e) {
                unavailable(exchange, "stores are restoring or moving: " + e.getMessage());
            } catch (RuntimeException e) {
                log.error("query for a patient history failed", e);
                respond(exchange, 500, error("query failed: " + e.getMessage()));
            }
        }
    }

    private void answer(HttpExchange exchange, String patient, boolean risk, boolean forwarded) throws IOException {
        KeyQueryMetadata owner = streams.queryMetadataForKey(risk ? ScoringTopology.LATEST_STORE
                : HistoryTopology.HEADERS_STORE, patient, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost().port() < 0) {
            unavailable(exchange, "partition ownership is not known yet");
            return;
        }
        if (owner.activeHost().equals(self)) {
            Optional<String> found = risk ? risks.latest(patient).map(r -> RiskJson.of(r).toString())
                    : histories.current(patient).map(h -> HistoryJson.of(h).toString());
            if (found.isPresent()) {
                respond(exchange, 200, found.get());
            } else {
                respond(exchange, 404, error("no " + (risk ? "risk record" : "history") + " for patient " + patient));
            }
        } else if (forwarded) {
            unavailable(exchange, "ownership of " + patient + " is moving");
        } else {
            forward(exchange, owner.activeHost(), patient, risk ? "risk" : "history");
        }
    }

    private void forward(HttpExchange exchange, HostInfo owner, String patient, String endpoint) throws IOException {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/patients/"
                + URLEncoder.encode(patient, StandardCharsets.UTF_8) + "/" + endpoint + "?" + FORWARDED);
        try {
            HttpResponse<String> answer = http.send(token.sign(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            answer.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            respond(exchange, answer.statusCode(), answer.body());
        } catch (IOException e) {
            unavailable(exchange, "owner " + owner + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(exchange, "interrupted");
        }
    }

    private void probe(HttpExchange exchange, boolean ok) throws IOException {
        try (exchange) {
            respond(exchange, ok ? 200 : 503, HistoryJson.JSON.createObjectNode()
                    .put("state", streams.state().name()).toString());
        }
    }

    private static void unavailable(HttpExchange exchange, String reason) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "1");
        respond(exchange, 503, error(reason));
    }

    private static String error(String message) {
        return HistoryJson.JSON.createObjectNode().put("error", message).toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
