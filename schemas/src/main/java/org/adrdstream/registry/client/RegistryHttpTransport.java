package org.adrdstream.registry.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends registry requests: picks the URL, adds credentials, retries connection failures and 5xx answers
 * with capped exponential back-off (moving to the next URL), and turns error bodies into
 * {@link SchemaRegistryException}s. Client errors (4xx) are never retried.
 */
final class RegistryHttpTransport {

    private static final Logger log = LoggerFactory.getLogger(RegistryHttpTransport.class);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final List<RegistryEndpoint> endpoints;
    private final Duration readTimeout;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;
    private volatile int current;

    RegistryHttpTransport(SchemaRegistryClientConfig config) {
        this.endpoints = config.urls().stream().map(url -> RegistryEndpoint.parse(url, config.userInfo())).toList();
        this.readTimeout = Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS_CONFIG));
        this.maxRetries = config.getInt(SchemaRegistryClientConfig.MAX_RETRIES_CONFIG);
        this.retryWaitMs = config.getInt(SchemaRegistryClientConfig.RETRIES_WAIT_MS_CONFIG);
        this.retryMaxWaitMs = config.getInt(SchemaRegistryClientConfig.RETRIES_MAX_WAIT_MS_CONFIG);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS_CONFIG)));
        if (endpoints.stream().anyMatch(RegistryEndpoint::isTls)) {
            builder.sslContext(RegistryTlsContext.fromConfig(config));
        }
        this.http = builder.build();
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends the request and returns the parsed JSON answer of a 2xx response. */
    JsonNode send(String method, String path, Object body) {
        String payload = body == null ? null : write(body);
        int attempts = maxRetries + 1;
        SchemaRegistryException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            RegistryEndpoint endpoint = endpoints.get(Math.floorMod(current, endpoints.size()));
            try {
                return sendOnce(endpoint, method, path, payload);
            } catch (SchemaRegistryException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
            }
            current++;
            if (attempt + 1 < attempts) {
                log.warn("schema registry {} {} failed ({}); retry {} of {}", method, path, last.getMessage(),
                        attempt + 1, maxRetries);
                backOff(attempt);
            }
        }
        throw last;
    }

    private JsonNode sendOnce(RegistryEndpoint endpoint, String method, String path, String payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                .timeout(readTimeout)
                .header("Accept", RegisteredSchema.MEDIA_TYPE + ", application/json")
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (payload != null) {
            request.header("Content-Type", RegisteredSchema.MEDIA_TYPE);
        }
        if (endpoint.userInfo() != null) {
            String token = Base64.getEncoder().encodeToString(endpoint.userInfo().getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry " + endpoint.baseUrl() + " unreachable for "
                    + method + " " + path + ": " + e, 503, RegistryErrorCode.NO_RESPONSE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted during " + method + " " + path, 503,
                    RegistryErrorCode.NO_RESPONSE, e);
        }
        if (response.statusCode() / 100 == 2) {
            return read(response.body(), path);
        }
        throw errorFrom(response, method, path);
    }

    private SchemaRegistryException errorFrom(HttpResponse<String> response, String method, String path) {
        int status = response.statusCode();
        String message = response.body();
        int code = status;
        try {
            JsonNode body = json.readTree(response.body());
            if (body != null && body.has("error_code")) {
                code = body.get("error_code").asInt(status);
                message = body.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // keep the raw body as the message: proxies answer HTML
        }
        return new SchemaRegistryException(method + " " + path + " answered " + status + " (error code " + code + "): "
                + message, status, code);
    }

    private JsonNode read(String body, String path) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("answer to " + path + " is not JSON: " + e.getMessage(), 502,
                    RegistryErrorCode.NO_RESPONSE, e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write request body as JSON", e);
        }
    }

    private void backOff(int attempt) {
        long wait = Math.min(retryMaxWaitMs, retryWaitMs << Math.min(attempt, 20));
        long jittered = wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1);
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while waiting to retry", 503, RegistryErrorCode.NO_RESPONSE, e);
        }
    }
}
