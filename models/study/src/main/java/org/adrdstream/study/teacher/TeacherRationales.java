package org.adrdstream.study.teacher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.rationale.Rationale;
import org.adrdstream.rationale.RationaleSource;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.task.PredictionTask;

/**
 * The study's optional teacher: rationales written by a model behind an OpenAI-compatible chat-completions
 * endpoint (a local LLM server, say) instead of the built-in generator. Off unless a grid names it
 * (docs/study.md, "Teacher"). The teacher sees the rendered prompt (pseudonymised codes and years, never a
 * name or identifier) and the outcome, is asked to cite facts in the generator's checkable format, and every
 * answer still goes through the trainer's faithfulness check: what it invents is rejected and counted.
 */
public final class TeacherRationales implements RationaleSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String INSTRUCTIONS = String.join(" ",
            "You explain a known five-year dementia (ADRD) outcome from a patient record.",
            "The record is a list of tokens: 'age N', 'sex S', year markers 'y-N' (N years before the index date)",
            "followed by the codes of that year such as dx:I10 or rx:310436, then the question.",
            "Cite facts only in these forms: 'age N'; a risk factor or warning-sign name, its code token and its year",
            "marker exactly as in the record (e.g. 'hypertension dx:I10 y-6'); 'absent:FACTOR' for a risk factor",
            "with no code in the record. Cite nothing that is not in the record.",
            "Free-form: sections 'age', 'risk factors', 'warning signs', 'notable absences' separated by ' ; '.",
            "Step-by-step: 'step 1' to 'step 4' for the same sections, then 'step 5'.",
            "End with 'answer yes' or 'answer no', matching the given outcome.",
            "Reply with the rationale tokens only, separated by single spaces.");

    private final Settings settings;
    private final PromptRenderer renderer;
    private final HttpClient http;

    public TeacherRationales(Settings settings, PredictionTask task, int tokenBudget) {
        this.settings = settings;
        this.renderer = new PromptRenderer(task, tokenBudget);
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public String version() {
        return "teacher:" + settings.model();
    }

    @Override
    public Rationale generate(PatientHistory history, Instant t0, boolean positive, RationaleStyle style) {
        String record = String.join(" ", renderer.render(history, t0).tokens());
        String question = "Record: " + record + "\nOutcome: " + (positive ? "yes" : "no") + "\nStyle: "
                + (style == RationaleStyle.STEPWISE ? "step-by-step" : "free-form");
        String content = complete(question);
        List<String> tokens = content.isBlank() ? List.of() : Arrays.asList(content.trim().split("\\s+"));
        return new Rationale(version(), style, tokens);
    }

    /** One chat completion at temperature 0; the reply's first message content. */
    private String complete(String question) {
        try {
            String body = JSON.writeValueAsString(Map.of("model", settings.model(), "temperature", 0, "messages", List.of(
                    Map.of("role", "system", "content", INSTRUCTIONS), Map.of("role", "user", "content", question))));
            HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint().resolve("chat/completions"))
                    .timeout(settings.timeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
                request.header("Authorization", "Bearer " + settings.apiKey());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                String excerpt = response.body().length() > 200 ? response.body().substring(0, 200) + "…" : response.body();
                throw new IOException("teacher " + settings.endpoint() + " answered HTTP " + response.statusCode() + ": " + excerpt);
            }
            JsonNode content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                throw new IOException("teacher " + settings.endpoint() + " sent no choices[0].message.content");
            }
            return content.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the teacher", e);
        }
    }

    /**
     * Where the teacher is.
     *
     * @param endpoint the API base, e.g. {@code http://127.0.0.1:8000/v1/} ({@code chat/completions} is appended)
     * @param model    the model name the server expects
     * @param apiKey   sent as a bearer token when not blank (read from the environment, never from a file)
     * @param timeout  per request
     */
    public record Settings(URI endpoint, String model, String apiKey, Duration timeout) {

        public Settings {
            String base = endpoint.toString();
            endpoint = base.endsWith("/") ? endpoint : URI.create(base + "/");
        }
    }
}
