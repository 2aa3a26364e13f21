package org.adrdstream.streams.deadletter;

import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.FailureStage;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws is dead-lettered with the exception, and processing goes on; except a
 * merge (a MERGE event, or a record from the merge topic), which fails the task so that a half-applied merge
 * is never committed ({@link DeadLetterHandlerConfig}).
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetterHandlerConfig deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterHandlerConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        if (deadLetters.isMergeTopic(context.topic())
                || record.value() instanceof ClinicalEvent event && event.getKind() == EventKind.MERGE) {
            log.error("merge record {}/{}/{} failed in {}; the task fails so that no half-applied merge is "
                    + "committed", context.topic(), context.partition(), context.offset(), context.processorNodeId(),
                    error);
            return Response.fail();
        }
        log.error("dead-lettering record {}/{}/{} that failed in {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), error);
        return Response.resume(deadLetters.records(context, "processing failed in " + context.processorNodeId()
                + ": " + error, FailureStage.PROCESSING, error));
    }
}
