package org.adrdstream.streams.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.ContractSamples;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The spliced publication is byte-for-byte what the registry serializer writes for the same history. */
@ExtendWith(EmbeddedKafkaExtension.class)
class PublishedHistoryEncoderTest {

    @Test
    void splicedBytesEqualTheSerializersBytes(EmbeddedKafkaBroker kafka) {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
             SchemaRegistryClient client = RestSchemaRegistryClient.create(
                     java.util.Map.of("schema.registry.url", registry.url()))) {
            int id = client.register("histories-value", PatientHistory.getClassSchema());
            PatientHistory sample = ContractSamples.patientHistory();
            HistoryHeader header = new HistoryHeader(LocalDate.of(1948, 6, 2), Sex.FEMALE, null,
                    LocalDate.of(2024, 1, 5), sample.getObservationStart(), sample.getObservationEnd(), 14, 2, true,
                    Instant.parse("2026-11-25T10:15:30.123Z"), null, false);
            List<StoredEvents.Stored> stored = new ArrayList<>();
            for (HistoryEvent event : sample.getEvents()) {
                stored.add(new StoredEvents.Stored(Bytes.wrap(new byte[0]), StoredEvents.EVENT.serialize(null, event),
                        event.getEventId(), event.getTime()));
            }
            Instant now = sample.getAssembledAt();

            byte[] spliced = new PublishedHistoryEncoder(id).encode(sample.getPatientId(), header, stored,
                    sample.getSummaries(), now);
            PatientHistory expected = HistoryEvents.history(sample.getPatientId(), header, sample.getEvents(),
                    sample.getSummaries(), now);
            SpecificAvroSerializer<PatientHistory> serializer = new SpecificAvroSerializer<>(client);
            serializer.configure(java.util.Map.of("schema.registry.url", registry.url()), false);

            assertThat(spliced).isEqualTo(serializer.serialize("histories", expected));
        }
    }
}
