package org.adrdstream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adrd broker}: a single-node KRaft Kafka broker, alone. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka broker (KRaft, combined broker and controller) until stopped.")
final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "adrd-data/kafka",
            description = "Log and metadata directory, kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to bind and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Client port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "9093",
            description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Override
    public Integer call() {
        Ports.check(spec, "--kafka-port", kafkaPort);
        Ports.check(spec, "--controller-port", controllerPort);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).host(host)
                .brokerPort(kafkaPort).controllerPort(controllerPort).build().start();
        var out = spec.commandLine().getOut();
        out.println("Kafka broker listening on " + broker.bootstrapServers() + " (cluster " + broker.clusterId()
                + ", data in " + broker.dataDir().toAbsolutePath() + ")");
        out.println("READY");
        return RunUntilStopped.run(broker, "Kafka broker", out);
    }
}
