package org.adrdstream.streams.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

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

    /**
     * Removes every entry of {@code store} under {@code prefix} (a {@link #patientPrefix}) and returns them,
     * each named by the event_id its key ends with: a merge moves them to another patient.
     */
    static List<MergeMessage.Transfer.Entry> removeAll(KeyValueStore<Bytes, byte[]> store, Bytes prefix) {
        List<MergeMessage.Transfer.Entry> removed = new ArrayList<>();
        List<Bytes> keys = new ArrayList<>();
        int start = prefix.get().length;
        try (KeyValueIterator<Bytes, byte[]> scan = store.prefixScan(prefix, Serdes.Bytes().serializer())) {
            scan.forEachRemaining(entry -> {
                byte[] key = entry.key.get();
                removed.add(new MergeMessage.Transfer.Entry(
                        new String(key, start, key.length - start, StandardCharsets.UTF_8), entry.value));
                keys.add(entry.key);
            });
        }
        keys.forEach(store::delete);
        return removed;
    }
}
