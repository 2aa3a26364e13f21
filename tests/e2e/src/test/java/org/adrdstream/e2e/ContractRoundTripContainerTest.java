package org.adrdstream.e2e;

import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The contract round trip against Apache Kafka's own container image, for machines with a Docker engine.
 * Skipped where there is none; {@link ContractRoundTripEmbeddedTest} runs the same scenario everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContractRoundTripContainerTest {

    private static KafkaContainer kafka;

    @BeforeAll
    static void startKafka() {
        kafka = new KafkaContainer("apache/kafka:4.1.0");
        kafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void everyContractRecordRoundTripsThroughItsTopic() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.getBootstrapServers())
                .build().start()) {
            ContractRoundTrip.run(kafka.getBootstrapServers(), registry.url());
        }
    }
}
