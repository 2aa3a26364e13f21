package org.adrdstream.streams.deadletter;

import java.util.Map;

import org.adrdstream.contract.FailureStage;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A record whose processing throws is dead-lettered with the exception, and processing goes on. */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private DeadLetterHandlerConfig deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = new DeadLetterHandlerConfig(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        log.error("dead-lettering record {}/{}/{} that failed in {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), error);
        return Response.resume(deadLetters.records(context, "processing failed in " + context.processorNodeId()
                + ": " + error, FailureStage.PROCESSING, error));
    }
}
