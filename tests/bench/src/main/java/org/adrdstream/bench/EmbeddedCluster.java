package org.adrdstream.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.adrdstream.embedded.PlatformSecrets;
import org.adrdstream.embedded.broker.BrokerSecurity;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.embedded.broker.TlsStores;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;

/**
 * The embedded broker and registry a suite measures against, in the harness's JVM; closed in reverse order.
 * Secured, the broker takes only TLS with SCRAM-SHA-512 (as {@code adrd broker --secure}), and every client of
 * the suite logs in with {@link #clientProperties()}.
 */
final class EmbeddedCluster implements AutoCloseable {

    private static final String USER = "bench";
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Map<String, String> clientProperties;

    private EmbeddedCluster(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Map<String, String> client) {
        this.broker = broker;
        this.registry = registry;
        this.clientProperties = Map.copyOf(client);
    }

    /** A plaintext KRaft broker with its data under {@code work/kafka}, and the registry storing into it. */
    static EmbeddedCluster start(Path work) {
        return start(work, false);
    }

    /** As {@link #start(Path)}; {@code secure}: TLS and SCRAM on the client listener, fresh certificate and passwords. */
    static EmbeddedCluster start(Path work, boolean secure) {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka"));
        Map<String, String> client = new LinkedHashMap<>();
        if (secure) {
            TlsStores tls = TlsStores.selfSigned(work.resolve("tls"), "127.0.0.1", PlatformSecrets.newPassword());
            BrokerSecurity security = new BrokerSecurity(tls,
                    Map.of("broker", PlatformSecrets.newPassword(), USER, PlatformSecrets.newPassword()), "broker");
            builder.security(security);
            security.clientProperties(USER).forEach((key, value) -> client.put(key, String.valueOf(value)));
        }
        EmbeddedKafkaBroker broker = builder.build().start();
        try {
            return new EmbeddedCluster(broker, EmbeddedSchemaRegistry.builder(broker.bootstrapServers())
                    .kafkaSecurity(client).build().start(), client);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    /** Security settings every Kafka client of this cluster needs, in Kafka's keys (empty in plaintext). */
    Map<String, String> clientProperties() {
        return clientProperties;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
