package org.adrdstream.cli;

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
}
