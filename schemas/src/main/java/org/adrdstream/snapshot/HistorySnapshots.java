package org.adrdstream.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.serde.PlainListData;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Training snapshots of {@code patient.histories.v1}: the latest history of every patient as of a
 * consistent cut (the topic's end offsets at the moment of the call, read_committed), either in memory
 * ({@link #readTopic}) or written as Avro container files with a manifest ({@link #write}) and read back
 * ({@link #readFiles}). Both paths give the same histories in the same (pseudonym) order.
 */
public final class HistorySnapshots {

    /** Histories per Avro file. */
    public static final int RECORDS_PER_FILE = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private HistorySnapshots() {
    }

    /** A cut of the topic: the offsets read up to and the latest history per patient, in pseudonym order. */
    public record Cut(String topic, Instant takenAt, Map<Integer, Long> endOffsets, List<PatientHistory> histories) {
    }

    /**
     * Reads {@code topic} from the beginning to its end offsets as they are now.
     *
     * @param clientProperties bootstrap servers and registry settings ({@code schema.registry.url}, ...)
     */
    public static Cut readTopic(Map<String, Object> clientProperties, String topic, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        SpecificAvroDeserializer<PatientHistory> values = new SpecificAvroDeserializer<>();
        values.configure(props, false);
        try (KafkaConsumer<String, PatientHistory> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant takenAt = Instant.now();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            TreeMap<String, PatientHistory> latest = new TreeMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + end
                            + " within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, PatientHistory> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        if (record.value() == null) {
                            latest.remove(record.key());
                        } else {
                            latest.put(record.key(), record.value());
                        }
                    }
                }
            }
            Map<Integer, Long> offsets = new TreeMap<>();
            end.forEach((partition, offset) -> offsets.put(partition.partition(), offset));
            return new Cut(topic, takenAt, offsets, new ArrayList<>(latest.values()));
        }
    }

    /** Writes a cut into {@code directory} (created if needed) as Avro files plus {@code manifest.json}. */
    public static SnapshotManifest write(Cut cut, Path directory) {
        try {
            Files.createDirectories(directory);
            List<String> files = new ArrayList<>();
            List<PatientHistory> histories = cut.histories();
            for (int start = 0; start < histories.size() || files.isEmpty(); start += RECORDS_PER_FILE) {
                String name = String.format("histories-%05d.avro", files.size());
                writeFile(directory.resolve(name),
                        histories.subList(start, Math.min(histories.size(), start + RECORDS_PER_FILE)));
                files.add(name);
            }
            SnapshotManifest manifest = new SnapshotManifest(cut.topic(), cut.takenAt(), cut.endOffsets(),
                    histories.size(), fingerprint(), files);
            JSON.writeValue(directory.resolve(SnapshotManifest.FILE).toFile(), manifest);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot to " + directory, e);
        }
    }

    /**
     * Reads a snapshot directory back, checking it against its manifest.
     *
     * @throws IllegalStateException when the schema fingerprint or the record count does not match
     */
    public static List<PatientHistory> readFiles(Path directory) {
        try {
            SnapshotManifest manifest = JSON.readValue(directory.resolve(SnapshotManifest.FILE).toFile(),
                    SnapshotManifest.class);
            if (!manifest.schemaFingerprint().equals(fingerprint())) {
                throw new IllegalStateException("snapshot " + directory + " was written with PatientHistory schema "
                        + manifest.schemaFingerprint() + ", this build reads " + fingerprint());
            }
            List<PatientHistory> histories = new ArrayList<>();
            for (String file : manifest.files()) {
                Schema schema = PatientHistory.getClassSchema();
                try (DataFileReader<PatientHistory> reader = new DataFileReader<>(directory.resolve(file).toFile(),
                        new SpecificDatumReader<>(schema, schema, PlainListData.forSchema(schema)))) {
                    reader.forEach(histories::add);
                }
            }
            if (histories.size() != manifest.records()) {
                throw new IllegalStateException("snapshot " + directory + " holds " + histories.size()
                        + " histories, its manifest says " + manifest.records());
            }
            return histories;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + directory, e);
        }
    }

    /** Hex CRC-64-AVRO parsing fingerprint of the {@code PatientHistory} schema compiled into this build. */
    public static String fingerprint() {
        return String.format("%016x", SchemaNormalization.parsingFingerprint64(PatientHistory.getClassSchema()));
    }

    private static void writeFile(Path file, List<PatientHistory> histories) throws IOException {
        SpecificDatumWriter<PatientHistory> datum = new SpecificDatumWriter<>(PatientHistory.getClassSchema(),
                SpecificData.getForSchema(PatientHistory.getClassSchema()));
        try (DataFileWriter<PatientHistory> writer = new DataFileWriter<>(datum)) {
            writer.create(PatientHistory.getClassSchema(), file.toFile());
            for (PatientHistory history : histories) {
                writer.append(history);
            }
        }
    }
}
