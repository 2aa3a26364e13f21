package org.adrdstream.cli;

import java.util.HashMap;
import java.util.Map;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where an existing deployment's Kafka cluster and schema registry are, for the commands that join one. */
final class ClusterOptions {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]", description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true, paramLabel = "URL",
            description = "Confluent-compatible schema registry.")
    String registryUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Prefix of the platform topics.")
    String topicPrefix;

    @Mixin
    ClientConfigOption client;

    /**
     * Settings for this cluster's Kafka clients and for the registry's serdes in one map (each ignores the
     * other's keys): the addresses plus everything {@code --client-config} holds.
     */
    Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(client.settings());
        props.put("bootstrap.servers", bootstrapServers);
        props.put("schema.registry.url", registryUrl);
        return props;
    }
}
