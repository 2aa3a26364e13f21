package org.adrdstream.connect.fhir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Runs a FHIR Bulk Data system-level export ({@code GET [base]/$export}, kick-off, status polling, download)
 * with a bearer token, and leaves the NDJSON files in a folder of the connector's directory for the file
 * reader to pick up. Files are written under a temporary name and renamed when complete, so a half-written
 * download is never read. Server errors and I/O failures are retriable; 401 and 403 are not.
 */
final class BulkExportClient {

    /** What one export produced: its files and the server's transaction time (the next export's {@code _since}). */
    record Export(List<Path> files, String transactionTime) {
    }

    /** The file that says an export folder holds every file of its export, and its transaction time. */
    static final String COMPLETE_MARKER = "export-complete.txt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final URI base;
    private final String bearerToken;
    private final Duration timeout;

    /** @param bearerToken the access token, or empty for an open server */
    BulkExportClient(String base, String bearerToken, Duration timeout) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        this.bearerToken = bearerToken;
        this.timeout = timeout;
    }

    /** Exports the given resource types (all when empty) changed since {@code since} (everything when null). */
    Export export(List<String> types, String since, Path into) throws InterruptedException {
        try {
            URI statusUrl = kickOff(types, since);
            JsonNode manifest = awaitManifest(statusUrl);
            Path folder = Files.createDirectories(into.resolve("bulk-" + manifest.path("transactionTime").asText("unknown")
                    .replaceAll("[^0-9A-Za-z]", "")));
            boolean needsToken = manifest.path("requiresAccessToken").asBoolean(false);
            List<Path> files = new ArrayList<>();
            int n = 0;
            for (JsonNode output : manifest.path("output")) {
                Path file = folder.resolve(output.path("type").asText("Resource") + "-" + (++n) + ".ndjson");
                download(URI.create(output.path("url").asText()), needsToken, file);
                files.add(file);
            }
            String transactionTime = manifest.path("transactionTime").asText(null);
            if (transactionTime != null) {
                markComplete(folder, transactionTime);
            }
            return new Export(files, transactionTime);
        } catch (IOException e) {
            throw new RetriableException("FHIR bulk export from " + base + " failed: " + e.getMessage(), e);
        }
    }

    private URI kickOff(List<String> types, String since) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("$export?_outputFormat=").append(encode("application/fhir+ndjson"));
        if (!types.isEmpty()) {
            query.append("&_type=").append(encode(String.join(",", types)));
        }
        if (since != null) {
            query.append("&_since=").append(encode(since));
        }
        HttpResponse<String> response = send(request(base.resolve(query.toString()))
                .header("Accept", "application/fhir+json").header("Prefer", "respond-async").build());
        if (response.statusCode() != 202) {
            throw failure("kick-off", response);
        }
        String location = response.headers().firstValue("Content-Location")
                .orElseThrow(() -> new ConnectException("FHIR bulk export kick-off answered 202 without Content-Location"));
        return base.resolve(location);
    }

    private JsonNode awaitManifest(URI statusUrl) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> response = send(request(statusUrl).header("Accept", "application/json").build());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            if (response.statusCode() != 202) {
                throw failure("status", response);
            }
            if (System.nanoTime() > deadline) {
                throw new RetriableException("FHIR bulk export not complete within " + timeout);
            }
            Thread.sleep(retryAfter(response).toMillis());
        }
    }

    /**
     * The transaction time of the newest export downloaded completely into {@code into}: where the next
     * incremental export starts ({@code _since}) after a restart. Empty when none completed.
     */
    static Optional<String> lastCompleted(Path into) {
        try (Stream<Path> folders = Files.list(into)) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("bulk-"))
                    .map(folder -> folder.resolve(COMPLETE_MARKER)).filter(Files::isRegularFile)
                    .map(BulkExportClient::readMarker).flatMap(Optional::stream)
                    .max(Comparator.comparing(BulkExportClient::instantOf));
        } catch (IOException e) {
            throw new ConnectException("cannot list " + into + " for completed bulk exports: " + e.getMessage(), e);
        }
    }

    /** Written last, once every file of the export is in place (so neither .ndjson nor .json: never read). */
    private static void markComplete(Path folder, String transactionTime) throws IOException {
        Path part = folder.resolve(COMPLETE_MARKER + ".part");
        Files.writeString(part, transactionTime, StandardCharsets.UTF_8);
        Files.move(part, folder.resolve(COMPLETE_MARKER), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static Optional<String> readMarker(Path marker) {
        try {
            String time = Files.readString(marker, StandardCharsets.UTF_8).strip();
            instantOf(time);
            return Optional.of(time);
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty(); // unreadable: as if that export had not completed, so it is exported again
        }
    }

    private static Instant instantOf(String transactionTime) {
        return OffsetDateTime.parse(transactionTime).toInstant();
    }

    private void download(URI url, boolean needsToken, Path file) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/fhir+ndjson");
        if (needsToken && !bearerToken.isEmpty()) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        HttpResponse<Path> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofFile(part));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(part);
            throw new RetriableException("FHIR bulk export download of " + url + " answered " + response.statusCode());
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (!bearerToken.isEmpty()) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** 401 and 403 will not heal by waiting: the task fails and says so; anything else is retried later. */
    private RuntimeException failure(String step, HttpResponse<String> response) {
        String message = "FHIR bulk export " + step + " at " + response.uri() + " answered " + response.statusCode();
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            return new ConnectException(message + ": check " + FhirSourceConfig.EXPORT_TOKEN_CONFIG);
        }
        return new RetriableException(message);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            Duration wait = response.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s.trim())))
                    .orElse(DEFAULT_RETRY_AFTER);
            return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER; // an HTTP date: poll at the default pace
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
