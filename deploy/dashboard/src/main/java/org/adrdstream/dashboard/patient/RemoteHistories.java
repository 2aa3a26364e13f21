package org.adrdstream.dashboard.patient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.adrdstream.streams.query.ApiToken;

/**
 * Histories from a streams instance's interactive-query API ({@code GET /patients/{id}/history}); any
 * instance answers, forwarding to the owner of the patient's partition.
 */
public final class RemoteHistories implements PatientHistorySource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final ApiToken token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param queryUrl the instance's query API, e.g. {@code http://streams-0:7070}
     * @param token    the query API's token
     */
    public RemoteHistories(URI queryUrl, ApiToken token) {
        this.base = queryUrl;
        this.token = token;
    }

    @Override
    public Optional<JsonNode> history(String patientId) {
        URI uri = base.resolve("/patients/" + URLEncoder.encode(patientId, StandardCharsets.UTF_8) + "/history");
        try {
            HttpResponse<String> answer = http.send(token.sign(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return switch (answer.statusCode()) {
                case 200 -> Optional.of(JSON.readTree(answer.body()));
                case 404 -> Optional.empty();
                default -> throw new HistoryUnavailableException("query API at " + base + " answered "
                        + answer.statusCode() + ": " + answer.body(), null);
            };
        } catch (IOException e) {
            throw new HistoryUnavailableException("query API at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryUnavailableException("interrupted", e);
        }
    }
}
