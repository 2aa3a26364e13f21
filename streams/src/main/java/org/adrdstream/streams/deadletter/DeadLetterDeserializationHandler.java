package org.adrdstream.streams.deadletter;

import java.util.Map;

import org.adrdstream.contract.FailureStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that cannot be read (wrong magic byte, unknown schema id, unknown enum symbol, truncated Avro)
 * go to the dead-letter topic with the reason and their coordinates; the application keeps running.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private DeadLetterHandlerConfig deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterHandlerConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        if (deadLetters.isMergeTopic(context.topic())) {
            log.error("unreadable merge message {}/{}/{}; the task fails rather than lose the history it carries "
                    + "(was it written by another version?): {}", context.topic(), context.partition(),
                    context.offset(), error.getMessage());
            return Response.fail();
        }
        log.warn("dead-lettering unreadable record {}/{}/{}: {}", context.topic(), context.partition(),
                context.offset(), error.getMessage());
        return Response.resume(deadLetters.records(context, "unreadable record: " + error.getMessage(),
                FailureStage.DESERIALIZATION, error));
    }
}
