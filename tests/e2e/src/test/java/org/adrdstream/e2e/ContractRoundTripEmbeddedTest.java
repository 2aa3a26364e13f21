package org.adrdstream.e2e;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract round trip on the embedded KRaft broker (the same scenario runs on Testcontainers' Kafka). */
@ExtendWith(EmbeddedKafkaExtension.class)
class ContractRoundTripEmbeddedTest {

    @Test
    void everyContractRecordRoundTripsThroughItsTopic(EmbeddedKafkaBroker kafka) {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            ContractRoundTrip.run(kafka.bootstrapServers(), registry.url());
        }
    }
}
