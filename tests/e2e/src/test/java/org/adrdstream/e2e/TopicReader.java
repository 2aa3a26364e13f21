package org.adrdstream.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.adrdstream.serde.SpecificAvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic of a running platform (given its addresses) from its start to its end, without a group. */
final class TopicReader {

    private TopicReader() {
    }

    /** Every value, read committed, decoded through the registry. */
    static <T extends SpecificRecord> List<T> all(String kafka, String registry, String topic) {
        List<T> values = new ArrayList<>();
        TopicReader.<T>decoded(kafka, registry, topic, record -> values.add(record.value()));
        return values;
    }

    /** The newest value per key, read committed, decoded through the registry. */
    static <T extends SpecificRecord> void latestByKey(String kafka, String registry, String topic, Map<String, T> into) {
        TopicReader.<T>decoded(kafka, registry, topic, record -> into.put(record.key(), record.value()));
    }

    /** Every record as bytes, aborted transactions included (read uncommitted): what is stored, not what is meant. */
    static void raw(String kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        read(kafka, topic, "read_uncommitted", new ByteArrayDeserializer(), new ByteArrayDeserializer(), sink);
    }

    private static <T extends SpecificRecord> void decoded(String kafka, String registry, String topic,
                                                           Consumer<ConsumerRecord<String, T>> sink) {
        SpecificAvroDeserializer<T> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", registry), false);
        read(kafka, topic, "read_committed", new StringDeserializer(), values, sink);
    }

    private static <K, V> void read(String kafka, String topic, String isolation, Deserializer<K> keys,
                                    Deserializer<V> values, Consumer<ConsumerRecord<K, V>> sink) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }
}
