package org.adrdstream.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.adrdstream.contract.ContractSamples;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot is a consistent cut: the latest history per patient up to the end offsets at the call. */
@ExtendWith(EmbeddedKafkaExtension.class)
class HistorySnapshotsTest {

    @Test
    void filesHoldTheLatestHistoryPerPatientAsTheTopicDoes(EmbeddedKafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        String topic = TestTopics.unique("patient.histories.v1");
        try (Admin admin = Admin.create(kafka.clientProperties());
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                     .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<String, Object> props = new HashMap<>(kafka.clientProperties());
            props.put("schema.registry.url", registry.url());
            produce(props, topic, history("p-b", 1), history("p-a", 1), history("p-b", 2), history("p-c", 1));

            HistorySnapshots.Cut cut = HistorySnapshots.readTopic(props, topic, Duration.ofSeconds(30));
            produce(props, topic, history("p-d", 1)); // after the cut: not in it
            SnapshotManifest manifest = HistorySnapshots.write(cut, dir);
            List<PatientHistory> fromFiles = HistorySnapshots.readFiles(dir);

            assertThat(cut.histories()).extracting(PatientHistory::getPatientId).containsExactly("p-a", "p-b", "p-c");
            assertThat(cut.histories().get(1).getVersion()).as("latest version of p-b").isEqualTo(2);
            assertThat(fromFiles).isEqualTo(cut.histories());
            assertThat(manifest.records()).isEqualTo(3);
            assertThat(manifest.endOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);
            assertThat(manifest.schemaFingerprint()).isEqualTo(HistorySnapshots.fingerprint());
            assertThat(Files.readString(dir.resolve(SnapshotManifest.FILE))).contains("\"records\" : 3");
        }
    }

    @Test
    void snapshotWhoseRecordCountDisagreesWithItsManifestIsRefused(@TempDir Path dir) throws Exception {
        HistorySnapshots.write(new HistorySnapshots.Cut("t", java.time.Instant.now(), Map.of(0, 1L),
                List.of(history("p-a", 1))), dir);
        Path manifest = dir.resolve(SnapshotManifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"records\" : 1", "\"records\" : 2"));

        assertThatThrownBy(() -> HistorySnapshots.readFiles(dir)).hasMessageContaining("manifest says 2");
    }

    private static PatientHistory history(String patient, long version) {
        return PatientHistory.newBuilder(ContractSamples.patientHistory()).setPatientId(patient).setVersion(version)
                .build();
    }

    private static void produce(Map<String, Object> props, String topic, PatientHistory... histories) {
        SpecificAvroSerializer<PatientHistory> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        try (KafkaProducer<String, PatientHistory> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            for (PatientHistory history : histories) {
                producer.send(new ProducerRecord<>(topic, history.getPatientId(), history));
            }
        }
    }
}
