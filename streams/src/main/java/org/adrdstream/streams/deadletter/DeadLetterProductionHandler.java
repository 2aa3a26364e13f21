package org.adrdstream.streams.deadletter;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output that cannot be written (a record too large, a value the serializer refuses) is dead-lettered
 * with the source record's coordinates; retriable broker errors are retried. Output to the merge topic fails
 * the task instead ({@link DeadLetterHandlerConfig}).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
    private DeadLetterHandlerConfig deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterHandlerConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception error) {
        if (error instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record, error);
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception error,
                                             SerializationExceptionOrigin origin) {
        return deadLetter(context, record, error);
    }

    private Response deadLetter(ErrorHandlerContext context, ProducerRecord<?, ?> output, Exception error) {
        if (deadLetters.isMergeTopic(output.topic()) || deadLetters.isMergeTopic(context.topic())) {
            log.error("a merge cannot be written to {} (source record {}/{}/{}); the task fails so that the "
                    + "transaction aborts and no history is lost: {}", output.topic(), context.topic(),
                    context.partition(), context.offset(), error.getMessage());
            return Response.fail();
        }
        log.error("dead-lettering output to {} for source record {}/{}/{}: {}", output.topic(), context.topic(),
                context.partition(), context.offset(), error.getMessage());
        return Response.resume(deadLetters.outputRecords(context, output, "cannot write to " + output.topic() + ": "
                + error, error));
    }
}
