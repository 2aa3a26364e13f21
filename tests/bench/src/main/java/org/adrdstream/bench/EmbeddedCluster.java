package org.adrdstream.bench;

import java.nio.file.Path;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;

/** The embedded broker and registry a suite measures against, in the harness's JVM; closed in reverse order. */
final class EmbeddedCluster implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private EmbeddedCluster(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** A KRaft broker with its data under {@code work/kafka}, and the registry storing into it. */
    static EmbeddedCluster start(Path work) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build().start();
        try {
            return new EmbeddedCluster(broker, EmbeddedSchemaRegistry.builder(broker.bootstrapServers()).build().start());
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

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
