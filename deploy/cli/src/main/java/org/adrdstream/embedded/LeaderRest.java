package org.adrdstream.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Connector configs sent to the REST API of a distributed Connect group's leader (only it may write them). */
final class LeaderRest {

    private LeaderRest() {
    }

    /** The leader answered 409: it is rebalancing, or its view of the configs is behind; try again shortly. */
    static final class LeaderBusy extends IllegalStateException {
        LeaderBusy(String message) {
            super(message);
        }
    }

    /** {@code PUT LEADER/connectors/NAME/config}; fails unless the leader answers 200 or 201. */
    static void putConnectorConfig(String leaderUrl, String name, Map<String, String> config, Duration timeout) {
        String url = (leaderUrl.endsWith("/") ? leaderUrl : leaderUrl + "/") + "connectors/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/config";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json(config))).build();
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(timeout).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409) {
                throw new LeaderBusy("the group's leader at " + leaderUrl + " answered 409 " + response.body());
            }
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("could not create connector " + name + ": the group's leader at "
                        + leaderUrl + " answered " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not create connector " + name + ": the group's leader at "
                    + leaderUrl + " is not reachable (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating connector " + name, e);
        }
    }

    private static String json(Map<String, String> config) {
        try {
            return new ObjectMapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("connector config not writable as JSON", e);
        }
    }
}
