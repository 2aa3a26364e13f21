package org.adrdstream.streams.serving;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.adrdstream.contract.ModelPromotion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code models.control.v1} from its beginning, without a consumer group (every
 * scoring instance must see every promotion), and hands each promotion of one model name on.
 */
final class PromotionListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PromotionListener.class);

    private final KafkaConsumer<String, ModelPromotion> consumer;
    private final String modelName;
    private final Consumer<ModelPromotion> onPromotion;
    private final Thread thread;
    private volatile boolean closed;

    PromotionListener(Map<String, Object> consumerProperties, String topic, Deserializer<ModelPromotion> promotions,
                      String modelName, Consumer<ModelPromotion> onPromotion) {
        Map<String, Object> props = new HashMap<>(consumerProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), promotions);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("model control topic " + topic + " does not exist: create the platform "
                    + "topics first ('adrd topics')");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.modelName = modelName;
        this.onPromotion = onPromotion;
        this.thread = new Thread(this::follow, "adrd-model-promotions");
        thread.setDaemon(true);
    }

    /** Reads what the topic holds now and returns the latest promotion of the model name, or null. */
    ModelPromotion readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        ModelPromotion latest = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp(end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + end.keySet() + " to its end in " + timeout);
            }
            for (ConsumerRecord<String, ModelPromotion> record : consumer.poll(Duration.ofMillis(200))) {
                if (modelName.equals(record.key()) && record.value() != null) {
                    latest = record.value();
                }
            }
        }
        return latest;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    void start() {
        thread.start();
    }

    private void follow() {
        try {
            while (!closed) {
                for (ConsumerRecord<String, ModelPromotion> record : consumer.poll(Duration.ofMillis(500))) {
                    if (modelName.equals(record.key()) && record.value() != null) {
                        onPromotion.accept(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("stopped following model promotions; restart the instance to follow them again", e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread.isAlive()) {
            consumer.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            consumer.close();
        }
    }
}
