package org.adrdstream.streams.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the per-event stores. A detailed event is stored under {@code pseudonym, 0x00, time, event_id},
 * with the time as 8 big-endian bytes whose sign bit is flipped, so a bytewise-ordered store (RocksDB, or
 * the in-memory store) keeps each patient's events together and in time order: a prefix scan reads one
 * patient's history oldest first without touching any other patient's.
 */
final class EventKeys {

    private static final byte SEPARATOR = 0;

    private EventKeys() {
    }

    /** The prefix every event key of {@code patient} starts with. */
    static Bytes patientPrefix(String patient) {
        byte[] id = patient.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + 1).put(id).put(SEPARATOR).array());
    }

    static Bytes eventKey(String patient, long timeMillis, String eventId) {
        byte[] id = patient.getBytes(StandardCharsets.UTF_8);
        byte[] event = eventId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + 1 + Long.BYTES + event.length)
                .put(id).put(SEPARATOR).putLong(timeMillis ^ Long.MIN_VALUE).put(event).array());
    }

    /** Key of the index entry that remembers where (at what time) {@code eventId} of {@code patient} is. */
    static String indexKey(String patient, String eventId) {
        return patient + '\u0000' + eventId;
    }
}
