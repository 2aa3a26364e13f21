package org.adrdstream.registry.server;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's durable store: a compacted, single-partition Kafka topic ({@code _schemas} by default)
 * in the record layout of Confluent Schema Registry, so the topic reads the same to either.
 *
 * <p>Keys are JSON with a fixed field order, {@code {"keytype":"SCHEMA","subject":…,"version":…,"magic":1}}
 * or {@code {"keytype":"CONFIG","subject":…,"magic":0}}, so compaction keeps the newest value per version
 * and per config. A write returns only once the broker has acknowledged it to all in-sync replicas.
 */
final class KafkaStoreLog implements AutoCloseable {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(2);
    private final ObjectMapper json = new ObjectMapper();
    private final String topic;
    private final Map<String, Object> clientProps;
    private final KafkaProducer<String, String> producer;

    /** @param kafkaSecurity Kafka client security settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) */
    KafkaStoreLog(String bootstrapServers, Map<String, String> kafkaSecurity, String topic, short replicationFactor) {
        this.topic = topic;
        Map<String, Object> props = new HashMap<>(kafkaSecurity);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.clientProps = Map.copyOf(props);
        ensureTopic(replicationFactor);
        this.producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new StringSerializer());
    }

    /** Reads the whole topic from the beginning to its current end, in order. */
    void replay(BiConsumer<JsonNode, JsonNode> apply) {
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + REPLAY_TIMEOUT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read schema store topic '" + topic + "' to offset "
                            + end + " within " + REPLAY_TIMEOUT.toSeconds() + " s (at " + consumer.position(partition) + ")");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    apply.accept(parse(record.key()), record.value() == null ? null : parse(record.value()));
                }
            }
        }
    }

    void writeSchema(SchemaVersion version) {
        ObjectNode key = json.createObjectNode().put("keytype", "SCHEMA").put("subject", version.subject())
                .put("version", version.version()).put("magic", 1);
        ObjectNode value = json.createObjectNode().put("subject", version.subject())
                .put("version", version.version()).put("id", version.id()).put("schema", version.schema())
                .put("deleted", version.deleted());
        if (version.erased()) {
            value.put("erased", true);
        }
        write(key, value);
    }

    /** Writes a subject's level, the global one when {@code subject} is empty; an empty level clears it. */
    void writeConfig(Optional<String> subject, Optional<CompatibilityLevel> level) {
        ObjectNode key = json.createObjectNode().put("keytype", "CONFIG");
        subject.ifPresentOrElse(s -> key.put("subject", s), () -> key.putNull("subject"));
        key.put("magic", 0);
        write(key, level.map(l -> json.createObjectNode().put("compatibilityLevel", l.name())).orElse(null));
    }

    private void write(ObjectNode key, ObjectNode value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key.toString(), value == null ? null : value.toString()))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaRegistryException("Error while writing to the schema store topic '" + topic + "': "
                    + e.getMessage(), 500, RegistryErrorCode.STORE_ERROR, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted writing to '" + topic + "'", 500,
                    RegistryErrorCode.OPERATION_TIMEOUT, e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable record in schema store topic '" + topic + "': " + text, e);
        }
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return props;
    }

    /**
     * Creates the store topic, or checks an existing one: it must be compacted (a delete policy would let
     * retention remove schemas) and have one partition (the log's order is the order of changes).
     */
    private void ensureTopic(short replicationFactor) {
        NewTopic spec = new NewTopic(topic, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (Admin admin = Admin.create(clientProps)) {
            try {
                admin.createTopics(List.of(spec)).all().get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create schema store topic '" + topic + "': "
                            + e.getCause().getMessage(), e.getCause());
                }
                checkExisting(admin);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not answer about topic '" + topic + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic '" + topic + "'", e);
        }
    }

    private void checkExisting(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        String policy = admin.describeConfigs(List.of(resource)).all().get(WRITE_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS).get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(WRITE_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS).get(topic).partitions().size();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy) || partitions != 1) {
            throw new IllegalStateException("schema store topic '" + topic + "' has cleanup.policy=" + policy
                    + " and " + partitions + " partitions; it needs cleanup.policy=compact and 1 partition "
                    + "(fix it with kafka-configs.sh, or choose another store topic)");
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
