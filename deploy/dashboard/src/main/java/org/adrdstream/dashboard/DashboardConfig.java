package org.adrdstream.dashboard;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.adrdstream.dashboard.patient.PatientHistorySource;
import org.adrdstream.streams.query.ApiToken;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a dashboard needs to know of its platform.
 *
 * @param host             interface the page is served on
 * @param port             its port; 0 picks a free one
 * @param clientProperties Kafka client settings (bootstrap servers, security) plus {@code schema.registry.url}
 * @param topics           the platform topics
 * @param applicationId    the streams application id, whose consumer lag is shown
 * @param histories        where the patient view reads histories
 * @param streams          the streams instance in this process, or null when it runs elsewhere (its Streams
 *                         and scoring batch metrics are then not shown)
 * @param modelInService   the model the local scorer serves; empty shows the newest score's model
 * @param startedAt        when this run started: the time to first score counts from it
 * @param token            the bearer token every page and API request must carry ({@link ApiToken#none()}: open)
 */
public record DashboardConfig(String host, int port, Map<String, Object> clientProperties, PlatformTopics topics,
                              String applicationId, PatientHistorySource histories, KafkaStreams streams,
                              Supplier<Optional<String>> modelInService, Instant startedAt, ApiToken token) {

    public DashboardConfig {
        Objects.requireNonNull(host, "host");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(histories, "histories");
        Objects.requireNonNull(modelInService, "modelInService");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("dashboard port must be 0..65535, was " + port);
        }
    }
}
