package org.adrdstream.streams.deadletter;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.adrdstream.contract.DeadLetter;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.SourceCoordinates;

/** Builds {@link DeadLetter}s for records the streams app refuses, with where they came from. */
public final class DeadLetters {

    /** Largest payload kept in a dead letter; larger ones are truncated and marked so. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private DeadLetters() {
    }

    /** The dead-letter key: the source coordinates as {@code topic/partition/offset}. */
    public static String key(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /**
     * A dead letter for a record read from {@code topic} (partition and offset null when there is no source
     * record, e.g. output of a punctuator).
     *
     * @param payload the raw bytes as read (possibly null), kept up to {@link #MAX_PAYLOAD_BYTES}
     * @param text    a readable rendering of the record when there is one, else null
     */
    public static DeadLetter of(String reason, FailureStage stage, Throwable error, String topic, Integer partition,
                                Long offset, byte[] payload, String text, Instant now) {
        int size = payload == null ? (text == null ? 0 : text.length()) : payload.length;
        boolean truncated = size > MAX_PAYLOAD_BYTES;
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setStage(stage)
                .setSource(SourceCoordinates.newBuilder().setFeed(null).setFormat(null).setRecordRef(null)
                        .setFile(null).setLine(null).setTopic(topic).setPartition(partition).setOffset(offset).build())
                .setPayload(payload == null ? null
                        : ByteBuffer.wrap(payload, 0, Math.min(payload.length, MAX_PAYLOAD_BYTES)).slice())
                .setPayloadText(text == null ? null : text.substring(0, Math.min(text.length(), MAX_PAYLOAD_BYTES)))
                .setPayloadSize(size)
                .setPayloadTruncated(truncated)
                .setFailedAt(now)
                .build();
    }
}
