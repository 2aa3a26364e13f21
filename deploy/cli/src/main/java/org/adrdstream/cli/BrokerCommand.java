package org.adrdstream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adrd broker}: a single-node KRaft Kafka broker, alone. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka broker (KRaft, combined broker and controller) until stopped.")
final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    BrokerAddressOptions address;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "adrd-data/kafka",
            description = "Log and metadata directory, kept across restarts (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        address.check(spec);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).host(address.host)
                .brokerPort(address.kafkaPort).controllerPort(address.controllerPort).build().start();
        var out = spec.commandLine().getOut();
        out.println("Kafka broker listening on " + broker.bootstrapServers() + " (cluster " + broker.clusterId()
                + ", data in " + broker.dataDir().toAbsolutePath() + ")");
        out.println("READY");
        return RunUntilStopped.run(broker, "Kafka broker", out);
    }
}
