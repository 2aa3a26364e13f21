package org.adrdstream.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where an embedded broker listens, shared by {@code adrd broker} and {@code adrd demo}. */
final class BrokerAddressOptions {

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to bind and advertise (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka client port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--controller-port", paramLabel = "PORT", defaultValue = "9093",
            description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    /** Refuses ports outside 0..65535 as usage errors. */
    void check(CommandSpec spec) {
        Ports.check(spec, "--kafka-port", kafkaPort);
        Ports.check(spec, "--controller-port", controllerPort);
    }
}
