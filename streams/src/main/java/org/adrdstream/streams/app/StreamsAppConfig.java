package org.adrdstream.streams.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.adrdstream.clientconfig.ClientSecurity;
import org.adrdstream.registry.client.SchemaRegistryClientConfig;
import org.adrdstream.streams.deadletter.DeadLetterDeserializationHandler;
import org.adrdstream.streams.deadletter.DeadLetterHandlerConfig;
import org.adrdstream.streams.deadletter.DeadLetterProcessingHandler;
import org.adrdstream.streams.deadletter.DeadLetterProductionHandler;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.streams.history.PatientMerges;
import org.adrdstream.streams.query.ApiToken;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the streams application, declared once. The command line ({@code adrd streams}) fills it from
 * flags, environment and settings file; tests and the embedded platform build it directly.
 *
 * @param bootstrapServers   Kafka cluster
 * @param schemaRegistryUrl  Confluent-compatible registry
 * @param applicationId      Streams application id: instances with the same id share the partitions
 * @param stateDir           where RocksDB stores live; one per instance
 * @param threads            stream threads per instance ({@code num.stream.threads})
 * @param standbyReplicas    warm copies of each store on other instances ({@code num.standby.replicas})
 * @param replicationFactor  of the internal changelog topics
 * @param commitInterval     transaction commit interval (exactly-once): the latency floor of outputs
 * @param topics             platform topic names
 * @param history            history assembly tuning
 * @param scoring            risk scoring: model, batching, re-score policy, bands, device
 * @param overrides          any further Kafka Streams or client property
 * @param queryEndpoint      {@code host:port} of this instance's interactive-query API, as the other
 *                           instances reach it ({@code application.server}); null for no API
 * @param apiToken           bearer token the query API requires (see {@link ApiToken}); null for an open API
 */
public record StreamsAppConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId,
                               Path stateDir, int threads, int standbyReplicas, short replicationFactor,
                               Duration commitInterval, PlatformTopics topics, HistorySettings history,
                               ScoringSettings scoring, Map<String, String> overrides, String queryEndpoint,
                               String apiToken) {

    /** Default application id (prefixed with the topic prefix, so deployments sharing a cluster stay apart). */
    public static final String DEFAULT_APPLICATION_ID = "adrd-history";

    public StreamsAppConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(scoring, "scoring");
        overrides = Map.copyOf(overrides);
        if (queryEndpoint != null && !queryEndpoint.matches("[^:]+:\\d+")) {
            throw new IllegalArgumentException("query endpoint must be host:port, was '" + queryEndpoint + "'");
        }
        if (threads < 1 || standbyReplicas < 0 || replicationFactor < 1) {
            throw new IllegalArgumentException("threads >= 1, standby replicas >= 0 and replication factor >= 1 "
                    + "required; got " + threads + ", " + standbyReplicas + ", " + replicationFactor);
        }
    }

    /** Defaults for one instance against the given cluster and registry. */
    public static StreamsAppConfig defaults(String bootstrapServers, String schemaRegistryUrl, Path stateDir) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, DEFAULT_APPLICATION_ID, stateDir, 1, 0,
                (short) 1, Duration.ofMillis(200), PlatformTopics.defaults(), HistorySettings.defaults(),
                ScoringSettings.defaults(ScoringSettings.DEFAULT_REGISTRY), Map.of(), null, null);
    }

    public StreamsAppConfig withApplicationId(String id) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, id, stateDir, threads, standbyReplicas,
                replicationFactor, commitInterval, topics, history, scoring, overrides, queryEndpoint, apiToken);
    }

    public StreamsAppConfig withStateDir(Path dir) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, dir, threads, standbyReplicas,
                replicationFactor, commitInterval, topics, history, scoring, overrides, queryEndpoint, apiToken);
    }

    public StreamsAppConfig withTopics(PlatformTopics platformTopics) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, threads,
                standbyReplicas, replicationFactor, commitInterval, platformTopics, history, scoring, overrides,
                queryEndpoint, apiToken);
    }

    public StreamsAppConfig withHistory(HistorySettings settings) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, threads,
                standbyReplicas, replicationFactor, commitInterval, topics, settings, scoring, overrides, queryEndpoint, apiToken);
    }

    public StreamsAppConfig withScoring(ScoringSettings settings) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, threads,
                standbyReplicas, replicationFactor, commitInterval, topics, history, settings, overrides, queryEndpoint, apiToken);
    }

    /** History assembly only: this instance does not score. */
    public StreamsAppConfig withoutScoring() {
        return withScoring(scoring.disabled());
    }

    public StreamsAppConfig withThreads(int count) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, count,
                standbyReplicas, replicationFactor, commitInterval, topics, history, scoring, overrides, queryEndpoint, apiToken);
    }

    public StreamsAppConfig withCommitInterval(Duration interval) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, threads,
                standbyReplicas, replicationFactor, interval, topics, history, scoring, overrides, queryEndpoint, apiToken);
    }

    /** These settings with further overrides (for example client security) added to the existing ones. */
    public StreamsAppConfig withOverrides(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(more);
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, threads,
                standbyReplicas, replicationFactor, commitInterval, topics, history, scoring, merged, queryEndpoint, apiToken);
    }

    public StreamsAppConfig withApiToken(String token) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, threads,
                standbyReplicas, replicationFactor, commitInterval, topics, history, scoring, overrides, queryEndpoint, token);
    }

    public StreamsAppConfig withQueryEndpoint(String endpoint) {
        return new StreamsAppConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, threads,
                standbyReplicas, replicationFactor, commitInterval, topics, history, scoring, overrides, endpoint, apiToken);
    }

    /** The Kafka Streams properties: exactly-once v2, no task idling, dead-letter handlers, then the overrides. */
    public Map<String, Object> streamsProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // The history task reads the events and the merge topic, which are not joined in time: it need not wait
        // for the (nearly always empty) merge partition, and the per-record bookkeeping of that wait is skipped.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        props.put(DeadLetterHandlerConfig.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetters().name());
        props.put(DeadLetterHandlerConfig.MERGE_TOPIC_CONFIG, PatientMerges.topic(applicationId, topics).name());
        // a merge carries a retired history whole (PatientMerges): allow it the merge topic's message size
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), PatientMerges.MAX_MESSAGE_BYTES);
        props.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl);
        if (queryEndpoint != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, queryEndpoint);
        }
        props.putAll(overrides);
        return props;
    }

    /** Settings for plain Kafka clients of the application: the cluster plus any security override. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(ClientSecurity.kafka(overrides));
        return props;
    }

    /** The registry settings the serdes need (URL plus any {@code schema.registry.*} / auth overrides). */
    public Map<String, Object> serdeProperties() {
        Map<String, Object> props = new HashMap<>();
        props.putAll(ClientSecurity.registry(overrides));
        props.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl);
        return props;
    }
}
