package org.adrdstream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.adrdstream.embedded.EmbeddedPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code adrd demo}: the whole platform, embedded, on one data directory. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the platform embedded in this process: a KRaft Kafka broker, the schema registry, "
                + "the platform topics and the streams application, on one data directory. Run it again on the "
                + "same directory to resume."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    BrokerAddressOptions address;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "adrd-data",
            description = "Directory for all state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Prefix for every platform topic name.")
    String topicPrefix;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6",
            description = "Partitions of the per-patient topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Mixin
    StreamsOptions streams;

    @Override
    public Integer call() {
        address.check(spec);
        Ports.check(spec, "--registry-port", registryPort);
        if (streams.scoring.registry == null) {
            streams.scoring.registry = dataDir.resolve("models"); // the demo keeps everything in its data directory
        }
        EmbeddedPlatform platform = EmbeddedPlatform.builder().dataDir(dataDir).host(address.host)
                .kafkaPort(address.kafkaPort).controllerPort(address.controllerPort).registryPort(registryPort)
                .topicPrefix(topicPrefix)
                .partitions(partitions).streams(streams::toConfig).build().start();
        var out = spec.commandLine().getOut();
        out.print(platform.describe());
        out.println("Try: curl " + platform.schemaRegistryUrl() + "/subjects");
        out.println("READY");
        return RunUntilStopped.run(platform, "adrd demo", out);
    }
}
