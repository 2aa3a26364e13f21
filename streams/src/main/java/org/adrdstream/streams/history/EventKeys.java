package org.adrdstream.streams.history;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the per-event stores: {@code pseudonym, 0x00, event_id}. A bytewise-ordered store (RocksDB, or
 * the in-memory store) keeps each patient's events together, so one prefix scan reads a patient's history
 * without touching any other patient's, and a re-send or retraction finds its event with one lookup.
 */
final class EventKeys {

    private static final byte SEPARATOR = 0;

    private EventKeys() {
    }

    /** The prefix every event key of {@code patient} starts with. */
    static Bytes patientPrefix(String patient) {
        byte[] id = patient.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[id.length + 1];
        System.arraycopy(id, 0, prefix, 0, id.length);
        prefix[id.length] = SEPARATOR;
        return Bytes.wrap(prefix);
    }

    static Bytes eventKey(String patient, String eventId) {
        byte[] prefix = patientPrefix(patient).get();
        byte[] event = eventId.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[prefix.length + event.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(event, 0, key, prefix.length, event.length);
        return Bytes.wrap(key);
    }
}
