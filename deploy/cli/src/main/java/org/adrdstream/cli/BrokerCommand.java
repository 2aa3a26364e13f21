package org.adrdstream.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.adrdstream.embedded.PlatformSecrets;
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

    @Option(names = "--secure", description = "SASL_SSL (SCRAM-SHA-512) only; certificate and passwords are made in "
            + "DATA/security next to the data directory, whose client.properties clients take as --client-config.")
    boolean secure;

    @Override
    public Integer call() {
        address.check(spec);
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().dataDir(dataDir).host(address.host)
                .brokerPort(address.kafkaPort).controllerPort(address.controllerPort);
        PlatformSecrets secrets = null;
        if (secure) {
            secrets = PlatformSecrets.loadOrCreate(dataDir.toAbsolutePath().resolveSibling("security"), address.host);
            builder.security(secrets.brokerSecurity());
        }
        EmbeddedKafkaBroker broker = builder.build().start();
        var out = spec.commandLine().getOut();
        out.println("Kafka broker listening on " + broker.bootstrapServers() + " (" + broker.listenerProtocol()
                + ", cluster " + broker.clusterId() + ", data in " + broker.dataDir().toAbsolutePath() + ")");
        if (secrets != null) {
            out.println("Client settings (user " + PlatformSecrets.PLATFORM_USER + "): " + secrets.clientConfigFile());
        }
        out.println("READY");
        return RunUntilStopped.run(broker, "Kafka broker", out);
    }
}
