package org.adrdstream.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.embedded.EmbeddedPlatform;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Feeding an embedded platform and reading its topics, for the end-to-end tests. */
final class PlatformFeed {

    private PlatformFeed() {
    }

    /** Sends a generated cohort's ClinicalEvent file to clinical.events.v1, keyed by patient; returns the count sent. */
    static int replay(EmbeddedPlatform platform, Path file) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", platform.bootstrapServers());
        props.put("schema.registry.url", platform.schemaRegistryUrl());
        SpecificAvroSerializer<ClinicalEvent> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        int sent = 0;
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(), values);
             DataFileReader<ClinicalEvent> events = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(ClinicalEvent.class))) {
            for (ClinicalEvent event : events) {
                producer.send(new ProducerRecord<>(platform.topics().clinicalEvents().name(), event.getPatientId(), event));
                sent++;
            }
        }
        return sent;
    }

    /** Publishes records to {@code topic}, keyed as given (all acknowledged when it returns). */
    static <T extends org.apache.avro.specific.SpecificRecord> void publish(EmbeddedPlatform platform, String topic,
                                                                           Map<String, T> records) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", platform.bootstrapServers());
        props.put("schema.registry.url", platform.schemaRegistryUrl());
        SpecificAvroSerializer<T> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
            List<java.util.concurrent.Future<?>> acknowledged = new java.util.ArrayList<>();
            records.forEach((key, value) -> acknowledged.add(producer.send(new ProducerRecord<>(topic, key, value))));
            for (java.util.concurrent.Future<?> ack : acknowledged) {
                ack.get();
            }
        }
    }

    /** A read-committed consumer of {@code topic} from its start, with the platform's registry. */
    static <T extends org.apache.avro.specific.SpecificRecord> KafkaConsumer<String, T> consumer(
            EmbeddedPlatform platform, Class<T> type, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + type.getSimpleName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put("schema.registry.url", platform.schemaRegistryUrl());
        SpecificAvroDeserializer<T> values = new SpecificAvroDeserializer<>();
        values.configure(props, false);
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
