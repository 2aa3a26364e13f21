package org.adrdstream.streams.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What the Streams error handlers share: the dead-letter topic (setting {@value #DEAD_LETTER_TOPIC_CONFIG})
 * and a registry serializer for {@link DeadLetter}s, both from the Streams configuration.
 */
final class DeadLetterHandlerConfig {

    /** Streams config key naming the dead-letter topic the handlers write to. */
    static final String DEAD_LETTER_TOPIC_CONFIG = "adrd.dead.letter.topic";

    private final String topic;
    private final SpecificAvroSerializer<DeadLetter> serializer = new SpecificAvroSerializer<>();

    DeadLetterHandlerConfig(Map<String, ?> configs) {
        Object configured = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (configured == null) {
            throw new ConfigException(DEAD_LETTER_TOPIC_CONFIG, null, "set it to the dead-letter topic");
        }
        this.topic = configured.toString();
        serializer.configure(configs, false);
    }

    /** The dead-letter record for the source record the context points at. */
    List<ProducerRecord<byte[], byte[]>> records(ErrorHandlerContext context, String reason, FailureStage stage,
                                                 Exception error) {
        DeadLetter letter = DeadLetters.of(reason, stage, error, context.topic(), context.partition(),
                context.offset(), context.sourceRawValue(), null, Instant.now());
        byte[] key = DeadLetters.key(context.topic(), context.partition(), context.offset())
                .getBytes(StandardCharsets.UTF_8);
        return List.of(new ProducerRecord<>(topic, key, serializer.serialize(topic, letter)));
    }
}
