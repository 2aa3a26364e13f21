package org.adrdstream.dashboard.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.dashboard.risk.RiskBoard;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.topics.PlatformTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader of the platform's topics for the dashboard: clinical events (counted per feed), published
 * histories (keys only), dead letters and risk records, read committed from the beginning without a
 * consumer group, so every dashboard sees the whole topics and leaves no offsets behind. One thread and one
 * consumer for all four topics: the dashboard must not compete with the pipeline for the cores.
 */
public final class PlatformTap implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PlatformTap.class);

    private final Map<String, Object> consumerProperties;
    private final PlatformTopics topics;
    private final RiskBoard risk;
    private final FeedRates feeds;
    private final DeadLetterLog deadLetters;
    private final SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
    private final Set<String> patientsWithHistory = ConcurrentHashMap.newKeySet();
    private final AtomicLong historiesPublished = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;

    /**
     * @param clientProperties Kafka client settings (bootstrap servers, security) and {@code schema.registry.url}
     */
    public PlatformTap(Map<String, ?> clientProperties, PlatformTopics topics, RiskBoard risk, FeedRates feeds,
                       DeadLetterLog deadLetters) {
        this.topics = topics;
        this.risk = risk;
        this.feeds = feeds;
        this.deadLetters = deadLetters;
        values.configure(clientProperties, false);
        consumerProperties = new HashMap<>(clientProperties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "adrd-dashboard-tap");
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        this.thread = new Thread(this::run, "adrd-dashboard-tap");
        thread.setDaemon(true);
    }

    public PlatformTap start() {
        thread.start();
        return this;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = reader;
            while (!closed && !assign(reader)) {
                TimeUnit.SECONDS.sleep(1); // topics not created yet (a dashboard started before the platform)
            }
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (!closed) {
                log.error("dashboard reader woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("dashboard reader stopped: {}", e.toString(), e);
        }
    }

    /** Assigns every partition of the four topics once all of them exist; false while one is missing. */
    private boolean assign(KafkaConsumer<byte[], byte[]> reader) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.clinicalEvents().name(), topics.patientHistories().name(),
                topics.deadLetters().name(), topics.riskScores().name())) {
            var infos = reader.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        return true;
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.patientHistories().name())) {
            String patient = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) { // a tombstone: a merge retired the pseudonym into another patient
                if (patient != null) {
                    patientsWithHistory.remove(patient);
                }
                return;
            }
            historiesPublished.incrementAndGet();
            if (patient != null) {
                patientsWithHistory.add(patient);
            }
            return;
        }
        SpecificRecord value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            // Counted and logged by position only: the bytes may hold what a pseudonym was meant to hide.
            undecodable.incrementAndGet();
            log.warn("dashboard cannot decode {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (value instanceof ClinicalEvent event) {
            feeds.record(event.getSource().getFeed() + " (" + event.getSource().getFormat() + ")", record.timestamp());
        } else if (value instanceof RiskScore score) {
            risk.accept(score);
        } else if (value instanceof DeadLetter letter) {
            deadLetters.accept(letter);
        }
    }

    /** Histories published (every publication, not distinct patients). */
    public long historiesPublished() {
        return historiesPublished.get();
    }

    /** Distinct patients with a published history. */
    public int patientsWithHistory() {
        return patientsWithHistory.size();
    }

    /** Records the dashboard could not decode (they stay in their topics; the count says how many). */
    public long undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        values.close();
    }
}
