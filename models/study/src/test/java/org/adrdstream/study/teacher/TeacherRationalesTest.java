package org.adrdstream.study.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.rationale.Rationale;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The teacher against a local fake of an OpenAI-compatible server. */
class TeacherRationalesTest {

    private static final Instant T0 = Instant.parse("2016-01-01T00:00:00Z");

    private final AtomicReference<String> requestBody = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> path = new AtomicReference<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksForTheStyleAndOutcomeAndReadsTheRationaleTokens() throws Exception {
        serve(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"step 1 age 75 step 2 risk factors "
                + "hypertension dx:I10 y-4 step 5 answer yes\\n\"}}]}");
        TeacherRationales teacher = teacher("secret");

        Rationale rationale = teacher.generate(history(), T0, true, RationaleStyle.STEPWISE);

        assertThat(rationale.tokens()).containsExactly("step", "1", "age", "75", "step", "2", "risk", "factors",
                "hypertension", "dx:I10", "y-4", "step", "5", "answer", "yes");
        assertThat(rationale.version()).isEqualTo("teacher:tiny-llm");
        assertThat(path.get()).isEqualTo("/v1/chat/completions");
        assertThat(authorization.get()).isEqualTo("Bearer secret");
        JsonNode request = new ObjectMapper().readTree(requestBody.get());
        assertThat(request.path("model").asText()).isEqualTo("tiny-llm");
        assertThat(request.path("temperature").asInt()).isZero();
        String question = request.path("messages").path(1).path("content").asText();
        assertThat(question).contains("Outcome: yes").contains("Style: step-by-step").contains("dx:I10")
                .as("the record as rendered: pseudonymised codes, never the patient id").doesNotContain("p-teacher");
    }

    @Test
    void anErrorFromTheServerIsReportedWithItsStatus() throws Exception {
        serve(503, "{\"error\":\"model loading\"}");

        assertThatThrownBy(() -> teacher("").generate(history(), T0, false, RationaleStyle.FREEFORM))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("answered HTTP 503")
                .hasMessageContaining("model loading");
        assertThat(authorization.get()).as("no key, no header").isNull();
    }

    private TeacherRationales teacher(String key) {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        return new TeacherRationales(new TeacherRationales.Settings(endpoint, "tiny-llm", key, Duration.ofSeconds(5)),
                new PredictionTask(TaskConfig.defaults()), 64);
    }

    private void serve(int status, String reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static PatientHistory history() {
        List<HistoryEvent> events = new ArrayList<>();
        events.add(HistoryEvent.newBuilder().setEventId("e0").setKind(EventKind.DIAGNOSIS)
                .setTime(Instant.parse("2012-03-01T00:00:00Z")).setEndTime(null)
                .setCode(new Code(CodeSystem.ICD10CM, "I10", null)).setValue(null).setValueText(null).setUnit(null)
                .setFormat(SourceFormat.SYNTHETIC).build());
        return PatientHistory.newBuilder().setPatientId("p-teacher").setBirthDate(LocalDate.of(1940, 5, 1)).setSex(Sex.FEMALE)
                .setDeathDate(null).setObservationStart(null).setObservationEnd(null).setEvents(events)
                .setSummaries(new ArrayList<>()).setVersion(1).setLastEventTime(events.get(0).getTime())
                .setAssembledAt(Instant.EPOCH).build();
    }
}
