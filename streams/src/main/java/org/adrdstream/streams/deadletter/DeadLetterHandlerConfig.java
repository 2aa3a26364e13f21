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
 * What the Streams error handlers share: the dead-letter topic (setting {@value #DEAD_LETTER_TOPIC_CONFIG}),
 * the application's merge topic ({@value #MERGE_TOPIC_CONFIG}) and a registry serializer for
 * {@link DeadLetter}s, all from the Streams configuration.
 *
 * <p>Records on their way to or from the merge topic are never dead-lettered: such a record carries a whole
 * retired history (or an event bound for it), and resuming past it would commit the retirement without the
 * survivor's side. The handlers fail the task instead, so the transaction aborts and nothing is lost; the
 * task starts over once the cause (logged) is removed.
 */
public final class DeadLetterHandlerConfig {

    /** Streams config key naming the dead-letter topic the handlers write to. */
    public static final String DEAD_LETTER_TOPIC_CONFIG = "adrd.dead.letter.topic";
    /** Streams config key naming the application's merge topic; absent where nothing merges. */
    public static final String MERGE_TOPIC_CONFIG = "adrd.merge.topic";

    private final String topic;
    private final String mergeTopic;
    private final SpecificAvroSerializer<DeadLetter> serializer = new SpecificAvroSerializer<>();

    DeadLetterHandlerConfig(Map<String, ?> configs) {
        Object configured = configs.get(DEAD_LETTER_TOPIC_CONFIG);
        if (configured == null) {
            throw new ConfigException(DEAD_LETTER_TOPIC_CONFIG, null, "set it to the dead-letter topic");
        }
        this.topic = configured.toString();
        Object merges = configs.get(MERGE_TOPIC_CONFIG);
        this.mergeTopic = merges == null ? null : merges.toString();
        serializer.configure(configs, false);
    }

    /** Whether {@code topic} is the merge topic, whose records must fail the task rather than be skipped. */
    boolean isMergeTopic(String topic) {
        return mergeTopic != null && mergeTopic.equals(topic);
    }

    /** The dead-letter record for the source record the context points at. */
    List<ProducerRecord<byte[], byte[]>> records(ErrorHandlerContext context, String reason, FailureStage stage,
                                                 Exception error) {
        DeadLetter letter = DeadLetters.of(reason, stage, error, context.topic(), context.partition(),
                context.offset(), context.sourceRawValue(), null, Instant.now());
        return record(DeadLetters.key(context.topic(), context.partition(), context.offset()), letter);
    }

    /**
     * The dead-letter record for output that could not be written. Output of a punctuator has no source
     * record, so the letter names the output topic and key (a pseudonym) instead.
     */
    List<ProducerRecord<byte[], byte[]>> outputRecords(ErrorHandlerContext context, ProducerRecord<?, ?> output,
                                                       String reason, Exception error) {
        if (context.topic() != null) {
            return records(context, reason, FailureStage.PRODUCTION, error);
        }
        String key = output.key() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(output.key());
        DeadLetter letter = DeadLetters.of(reason, FailureStage.PRODUCTION, error, output.topic(), null, null, null, null,
                Instant.now());
        letter.getSource().setRecordRef(key);
        return record(output.topic() + "/" + key, letter);
    }

    private List<ProducerRecord<byte[], byte[]>> record(String key, DeadLetter letter) {
        return List.of(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topic, letter)));
    }
}
