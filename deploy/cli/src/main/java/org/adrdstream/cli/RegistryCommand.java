package org.adrdstream.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.adrdstream.clientconfig.ClientSecurity;
import org.adrdstream.embedded.broker.TlsStores;
import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code adrd registry}: the Confluent-compatible schema registry against any Kafka cluster. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Runs the schema registry (Confluent REST API subset, schemas kept in a compacted topic).")
final class RegistryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster that stores the schemas.")
    String bootstrapServers;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--store-topic", paramLabel = "TOPIC", defaultValue = EmbeddedSchemaRegistry.DEFAULT_STORE_TOPIC,
            description = "Compacted topic holding the schemas (default: ${DEFAULT-VALUE}).")
    String storeTopic;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
            description = "Replication factor if the store topic must be created (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--compatibility", paramLabel = "LEVEL", defaultValue = "BACKWARD",
            description = "Global compatibility level until one is set through the API: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    CompatibilityLevel compatibility;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD",
            description = "Require HTTP basic auth with this user; repeat for several users.")
    List<String> users = List.of();

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve https with the key in this PKCS12 key store (store and key password: "
                    + "--tls-keystore-password, or ADRD_TLS_KEYSTORE_PASSWORD).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
            description = "Password of --tls-keystore; without a value it is asked for.")
    String tlsKeystorePassword;

    @Mixin
    ClientConfigOption client;

    @Override
    public Integer call() {
        Ports.check(spec, "--registry-port", port);
        EmbeddedSchemaRegistry.Builder builder = EmbeddedSchemaRegistry.builder(bootstrapServers).host(host).port(port)
                .storeTopic(storeTopic).replicationFactor(replicationFactor).defaultCompatibility(compatibility);
        for (String user : users) {
            int colon = user.indexOf(':');
            if (colon < 1) {
                throw new ParameterException(spec.commandLine(),
                        "Invalid value for option '--user': expected NAME:PASSWORD, e.g. --user feeds:s3cret");
            }
            builder.user(user.substring(0, colon), user.substring(colon + 1));
        }
        if (tlsKeystore != null) {
            if (tlsKeystorePassword == null) {
                throw new ParameterException(spec.commandLine(), "--tls-keystore needs its password: "
                        + "--tls-keystore-password or the environment variable ADRD_TLS_KEYSTORE_PASSWORD");
            }
            builder.tls(TlsStores.serverContext(tlsKeystore, tlsKeystorePassword));
        }
        builder.kafkaSecurity(ClientSecurity.kafka(client.settings()));
        EmbeddedSchemaRegistry registry = builder.build().start();
        var out = spec.commandLine().getOut();
        out.println("Schema registry listening on " + registry.url() + " (schemas in topic " + storeTopic + " on "
                + bootstrapServers + ")");
        out.println("READY");
        return RunUntilStopped.run(registry, "schema registry", out);
    }
}
