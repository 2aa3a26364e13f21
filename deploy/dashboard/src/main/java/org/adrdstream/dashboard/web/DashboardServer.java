package org.adrdstream.dashboard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.adrdstream.dashboard.metrics.PlatformMetrics;
import org.adrdstream.dashboard.patient.PatientHistorySource;
import org.adrdstream.dashboard.pipeline.DeadLetterLog;
import org.adrdstream.dashboard.pipeline.PipelineHealth;
import org.adrdstream.dashboard.risk.RiskBoard;
import org.adrdstream.dashboard.risk.ScoreRow;
import org.adrdstream.streams.query.ApiToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server (the JDK's; the page's assets are bundled, nothing comes from a CDN):
 * <ul>
 *   <li>{@code /} the page, {@code /app.js}, {@code /style.css};</li>
 *   <li>{@code GET /api/scores?limit=N} the newest risk rows, {@code GET /api/scores/stream} the live feed as
 *       server-sent events;</li>
 *   <li>{@code GET /api/patients/{id}} history, score trail and latest evidence of one patient;</li>
 *   <li>{@code GET /api/health} pipeline health; {@code GET /metrics} Prometheus; {@code /healthz},
 *       {@code /readyz} for probes (ready once the streams application runs).</li>
 * </ul>
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Live streams at once: each holds a thread while its browser is open. */
    private static final int MAX_STREAMS = 32;
    private static final Map<String, String> ASSETS = Map.of("/", "index.html", "/index.html", "index.html",
            "/app.js", "app.js", "/style.css", "style.css");

    private final RiskBoard board;
    private final PipelineHealth health;
    private final DeadLetterLog deadLetters;
    private final PatientHistorySource histories;
    private final PlatformMetrics metrics;
    private final BooleanSupplier ready;
    private final LiveScoreStream live;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "adrd-dashboard-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpServer server;

    public DashboardServer(String host, int port, RiskBoard board, PipelineHealth health, DeadLetterLog deadLetters,
                           PatientHistorySource histories, PlatformMetrics metrics, BooleanSupplier ready,
                           ApiToken token) {
        this.board = board;
        this.health = health;
        this.deadLetters = deadLetters;
        this.histories = histories;
        this.metrics = metrics;
        this.ready = ready;
        this.live = new LiveScoreStream(board, JSON, 50);
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard cannot listen on " + host + ":" + port
                    + " (in use? choose another with --dashboard-port)", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle).getFilters().add(token);
    }

    public DashboardServer start() {
        server.start();
        return this;
    }

    /** The page's address. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "application/json", error("only GET is served"));
            } else if (ASSETS.containsKey(path)) {
                asset(exchange, ASSETS.get(path));
            } else if (path.equals("/api/scores/stream")) {
                stream(exchange);
            } else if (path.equals("/api/scores")) {
                respond(exchange, 200, "application/json", rows(board.newest(limit(exchange))).toString());
            } else if (path.startsWith("/api/patients/")) {
                patient(exchange, URLDecoder.decode(path.substring("/api/patients/".length()), StandardCharsets.UTF_8));
            } else if (path.equals("/api/health")) {
                respond(exchange, 200, "application/json", healthJson().toString());
            } else if (path.equals("/metrics")) {
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (path.equals("/healthz")) {
                respond(exchange, 200, "text/plain", "ok\n");
            } else if (path.equals("/readyz")) {
                boolean up = ready.getAsBoolean();
                respond(exchange, up ? 200 : 503, "text/plain", up ? "ready\n" : "streams application not running\n");
            } else {
                respond(exchange, 404, "application/json", error("no such page: " + path));
            }
        } catch (RuntimeException e) {
            log.error("dashboard request {} failed", exchange.getRequestURI().getRawPath(), e);
            respond(exchange, 500, "application/json", error("request failed: " + e.getMessage()));
        }
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset " + name + " missing from the build");
            }
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
            respond(exchange, 200, type + "; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        if (!streams.tryAcquire()) {
            exchange.getResponseHeaders().set("Retry-After", "5");
            respond(exchange, 503, "application/json", error("too many live streams open (" + MAX_STREAMS + ")"));
            return;
        }
        try {
            live.serve(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    private void patient(HttpExchange exchange, String patientId) throws IOException {
        List<ScoreRow> trail = board.trail(patientId);
        Optional<JsonNode> history;
        try {
            history = histories.history(patientId);
        } catch (PatientHistorySource.HistoryUnavailableException e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            respond(exchange, 503, "application/json", error("history not available now: " + e.getMessage()));
            return;
        }
        if (history.isEmpty() && trail.isEmpty()) {
            respond(exchange, 404, "application/json", error("no history and no score for patient " + patientId));
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("patient_id", patientId);
        body.set("history", history.map(DashboardServer::birthYearOnly).orElse(null));
        body.set("scores", rows(trail));
        body.set("latest", trail.isEmpty() ? null : trail.get(trail.size() - 1).toJson(JSON));
        respond(exchange, 200, "application/json", body.toString());
    }

    /** The page needs the birth year, not the date: the date stays with the query API (minimum necessary). */
    private static JsonNode birthYearOnly(JsonNode history) {
        if (history instanceof ObjectNode node && node.hasNonNull("birth_date")) {
            String date = node.get("birth_date").asText();
            node.remove("birth_date");
            node.put("birth_year", date.length() >= 4 ? date.substring(0, 4) : null);
        }
        return history;
    }

    private ObjectNode healthJson() {
        PipelineHealth.Snapshot now = health.snapshot();
        ObjectNode body = JSON.createObjectNode().put("at", now.at().toString()).put("events_in", now.eventsIn())
                .put("events_per_second", now.eventsPerSecond()).put("histories_published", now.historiesPublished())
                .put("patients_with_history", now.patientsWithHistory()).put("risk_records", now.scores().records())
                .put("scored", now.scores().scored()).put("patients_with_risk", now.scores().patients())
                .put("latency_p50_ms", now.scores().latencyP50Ms()).put("latency_p99_ms", now.scores().latencyP99Ms())
                .put("dead_letters", now.deadLetters()).put("undecodable", now.undecodable())
                .put("total_lag", now.totalLag()).put("model_in_service", now.modelInService().orElse(null))
                .put("first_score_after_s", now.firstScoreAfter().map(d -> d.toMillis() / 1000.0).orElse(null))
                .put("status_line", now.statusLine());
        ObjectNode feeds = body.putObject("feeds");
        now.feeds().forEach((feed, rate) -> feeds.putObject(feed).put("total", rate.total())
                .put("per_second", rate.perSecond()));
        ObjectNode lag = body.putObject("lag");
        now.lag().forEach(lag::put);
        body.putObject("scoring_batches").put("mean_size", finite(now.batches().meanSize()))
                .put("max_size", finite(now.batches().maxSize())).put("mean_ms", finite(now.batches().meanMillis()))
                .put("max_ms", finite(now.batches().maxMillis())).put("batches", now.batches().batches());
        ObjectNode stages = body.putObject("dead_letters_by_stage");
        deadLetters.byStage().forEach(stages::put);
        ArrayNode newest = body.putArray("dead_letter_entries");
        for (DeadLetterLog.Entry entry : deadLetters.newest()) {
            newest.addObject().put("failed_at", String.valueOf(entry.failedAt())).put("stage", entry.stage())
                    .put("reason", entry.reason()).put("source", entry.source());
        }
        return body;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static ArrayNode rows(List<ScoreRow> rows) {
        ArrayNode array = JSON.createArrayNode();
        rows.forEach(row -> array.add(row.toJson(JSON)));
        return array;
    }

    private static int limit(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.matches("limit=\\d{1,4}")) {
            return Math.max(1, Integer.parseInt(query.substring("limit=".length())));
        }
        return 50;
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
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
