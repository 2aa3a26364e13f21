package org.adrdstream.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.DeadLetter;
import org.adrdstream.embedded.EmbeddedConnect;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * A feed connector's world for one test: a registry, platform topics under a fresh prefix, a Connect worker
 * and readers of the events and dead-letter topics.
 */
final class FeedFixture implements AutoCloseable {

    static final String PSEUDONYM_KEY = "connector-test-key-0123456789";

    final EmbeddedKafkaBroker kafka;
    final EmbeddedSchemaRegistry registry;
    final PlatformTopics topics;
    private final Path offsets;
    private EmbeddedConnect connect;
    private final KafkaConsumer<String, ClinicalEvent> events;
    private final KafkaConsumer<String, DeadLetter> deadLetters;
    final List<ClinicalEvent> eventsRead = new ArrayList<>();
    final List<DeadLetter> deadLettersRead = new ArrayList<>();

    FeedFixture(EmbeddedKafkaBroker kafka, Path work) throws Exception {
        this.kafka = kafka;
        this.registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
        this.topics = BrokerFeed.createTopics(kafka, TestTopics.unique("feed") + ".", 3);
        this.offsets = work.resolve("connect.offsets");
        this.connect = startWorker();
        this.events = consumer(topics.clinicalEvents().name());
        this.deadLetters = consumer(topics.deadLetters().name());
    }

    private EmbeddedConnect startWorker() {
        return EmbeddedConnect.start(kafka.bootstrapServers(), Map.of(), offsets, 0, Map.of());
    }

    /** The settings every feed connector needs, pointed at this fixture's topics and registry. */
    Map<String, String> feedConfig(String connectorClass) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", "1");
        config.put("feed.name", "synthetic-hospital");
        config.put("schema.registry.url", registry.url());
        config.put("pseudonym.key", PSEUDONYM_KEY);
        config.put("events.topic", topics.clinicalEvents().name());
        config.put("dead.letter.topic", topics.deadLetters().name());
        return config;
    }

    void putConnector(String name, Map<String, String> config) {
        connect.putConnector(name, config, Duration.ofSeconds(30));
    }

    EmbeddedConnect connect() {
        return connect;
    }

    /** Stops the worker and starts another on the same offsets file (a restart). */
    void restartWorker() {
        connect.close();
        connect = startWorker();
    }

    /**
     * Polls both topics once; returns the events read so far. A record that does not decode (a test may put
     * one there on purpose) is stepped over: the streams application is the one that dead-letters it.
     */
    List<ClinicalEvent> poll() {
        pollDecodable(events, eventsRead, Duration.ofMillis(200));
        pollDecodable(deadLetters, deadLettersRead, Duration.ofMillis(50));
        return eventsRead;
    }

    private static <T> void pollDecodable(KafkaConsumer<String, T> consumer, List<T> into, Duration timeout) {
        try {
            consumer.poll(timeout).forEach(r -> into.add(r.value()));
        } catch (RecordDeserializationException undecodable) {
            consumer.seek(undecodable.topicPartition(), undecodable.offset() + 1);
        }
    }

    /** Distinct events by event id (a re-sent record keeps its id), last one wins. */
    Map<String, ClinicalEvent> distinctEvents() {
        Map<String, ClinicalEvent> byId = new HashMap<>();
        eventsRead.forEach(e -> byId.put(e.getEventId() + "|" + e.getStatus(), e));
        return byId;
    }

    private <T extends SpecificRecord> KafkaConsumer<String, T> consumer(String topic) {
        return BrokerFeed.consumer(kafka, registry, topic);
    }

    @Override
    public void close() {
        events.close();
        deadLetters.close();
        connect.close();
        registry.close();
    }
}
