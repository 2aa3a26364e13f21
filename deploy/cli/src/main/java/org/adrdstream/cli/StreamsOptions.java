package org.adrdstream.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.topics.PlatformTopics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the streams application, shared by {@code adrd streams} and {@code adrd demo}. */
final class StreamsOptions {

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads per instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "0",
            description = "Warm store copies on other instances, for fast fail-over (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "200",
            description = "Exactly-once commit interval (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--history-cap", paramLabel = "N", defaultValue = "1000",
            description = "Detailed events kept per patient; older ones fold into per-code summaries "
                    + "(default: ${DEFAULT-VALUE}).")
    int historyCap;

    @Option(names = "--publish-interval-ms", paramLabel = "MS", defaultValue = "5000",
            description = "A changed history is published at most once per interval (default: ${DEFAULT-VALUE}).")
    long publishIntervalMs;

    @Option(names = "--resend-horizon", paramLabel = "DURATION", defaultValue = "365d",
            converter = DurationConverter.class,
            description = "How long the ids of retracted and folded events are remembered, so that a re-send is "
                    + "recognised; one re-sent later counts as new (e.g. 365d, 12h; default: ${DEFAULT-VALUE}).")
    Duration resendHorizon;

    @Option(names = "--query-endpoint", paramLabel = "HOST:PORT",
            description = "Serve GET /patients/{pseudonym}/history here; other instances reach this one at it.")
    String queryEndpoint;

    @Option(names = "--api-token", paramLabel = "TOKEN",
            description = "Require this bearer token on the query API (and the demo's dashboard); better given as "
                    + "ADRD_API_TOKEN. Letters, digits and -_. only.")
    String apiToken;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--streams-property", paramLabel = "KEY=VALUE",
            description = "Any further Kafka Streams or client property; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The typed application config these options describe. */
    StreamsAppConfig toConfig(String bootstrapServers, String registryUrl, String applicationId, Path stateDir,
                              PlatformTopics topics, short replicationFactor) {
        HistorySettings history = HistorySettings.defaults().withMaxDetailedEvents(historyCap)
                .withPublishInterval(Duration.ofMillis(publishIntervalMs)).withResendHorizon(resendHorizon);
        return new StreamsAppConfig(bootstrapServers, registryUrl, applicationId, stateDir, threads, standbyReplicas,
                replicationFactor, Duration.ofMillis(commitIntervalMs), topics, history, scoring.toSettings(), properties,
                queryEndpoint, apiToken);
    }
}
