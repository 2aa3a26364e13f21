package org.adrdstream.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.contract.SourceRef;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A merge is never skipped half-way: records to or from the merge topic, and MERGE events, fail the task
 * (so the transaction aborts) where any other record would be dead-lettered and passed.
 */
class MergeRecordHandlingTest {

    private static final String MERGES = "app-patient-merges";
    private static final Map<String, Object> CONFIG = Map.of(DeadLetterHandlerConfig.DEAD_LETTER_TOPIC_CONFIG, "dlq",
            DeadLetterHandlerConfig.MERGE_TOPIC_CONFIG, MERGES, "schema.registry.url", "http://127.0.0.1:1");

    @Test
    void aMergeThatCannotBeWrittenFailsTheTask() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(CONFIG);

        ProductionExceptionHandler.Response response = handler.handleError(context("clinical.events.v1"),
                new ProducerRecord<>(MERGES, new byte[0], new byte[0]), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void anUnreadableMergeMessageFailsTheTask() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(CONFIG);

        DeserializationExceptionHandler.Response response = handler.handleError(context(MERGES),
                new ConsumerRecord<>(MERGES, 0, 7, new byte[0], new byte[] {9}), new SerializationException("format 9"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }

    @Test
    void aMergeThatThrowsWhileAppliedFailsTheTask() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(CONFIG);
        ClinicalEvent merge = ClinicalEvent.newBuilder().setEventId("m1").setPatientId("p1").setKind(EventKind.MERGE)
                .setTime(Instant.EPOCH).setIngestedAt(Instant.EPOCH).setStatus(EventStatus.ACTIVE)
                .setSource(new SourceRef("feed", SourceFormat.HL7V2, "m1")).setMergedInto("p2").build();

        ProcessingExceptionHandler.Response fromEvents = handler.handleError(context("clinical.events.v1"),
                new Record<>("p1", merge, 0L), new IllegalStateException("store closed"));
        ProcessingExceptionHandler.Response fromMerges = handler.handleError(context(MERGES),
                new Record<>("p2", "a transfer", 0L), new IllegalStateException("store closed"));

        assertThat(fromEvents.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(fromMerges.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    private static ErrorHandlerContext context(String topic) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long offset() {
                return 7;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "history-assembler";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return null;
            }

            @Override
            public byte[] sourceRawValue() {
                return null;
            }
        };
    }
}
