package org.adrdstream.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.topics.PlatformTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adrd streams}: one instance of the streams application against an existing cluster. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Runs one instance of the streams application (history assembly) against a Kafka cluster "
                + "and schema registry. Start more instances with the same --application-id to share the work."})
final class StreamsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = StreamsAppConfig.DEFAULT_APPLICATION_ID,
            description = "Instances with the same id share the partitions (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "adrd-data/streams",
            description = "This instance's RocksDB stores (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "3",
            description = "Replication factor of the internal changelog topics (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Mixin
    StreamsOptions options;

    @Override
    public Integer call() {
        PlatformTopics topics = PlatformTopics.of(cluster.topicPrefix, PlatformTopics.DEFAULT_PARTITIONS);
        // --client-config is the base; a --streams-property naming the same key wins.
        Map<String, String> settings = new HashMap<>(cluster.client.settings());
        StreamsAppConfig config = options.toConfig(cluster.bootstrapServers, cluster.registryUrl, applicationId,
                stateDir, topics, replicationFactor);
        settings.putAll(config.overrides());
        config = config.withOverrides(settings);
        StreamsApp app = new StreamsApp(config).start(Duration.ofMinutes(5));
        var out = spec.commandLine().getOut();
        out.println("Streams application " + applicationId + " running: " + config.topics().clinicalEvents().name()
                + " -> " + config.topics().patientHistories().name() + " (state in " + stateDir.toAbsolutePath() + ")");
        out.println("READY");
        return RunUntilStopped.run(app, "streams application", out);
    }
}
