package org.adrdstream.streams.scoring;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A value of the scorer's pending store: when the patient is due (decided once, when the history arrives),
 * then the history's internal Avro bytes. A drain reads the due time without decoding the history, so
 * patients waiting out their re-score interval cost a store read, not a decode, per drain.
 */
final class PendingEntry {

    private static final int DUE_BYTES = Long.BYTES;

    private PendingEntry() {
    }

    static byte[] encode(long dueAtMillis, byte[] history) {
        return ByteBuffer.allocate(DUE_BYTES + history.length).putLong(dueAtMillis).put(history).array();
    }

    static long dueAt(byte[] entry) {
        return ByteBuffer.wrap(entry).getLong(0);
    }

    static byte[] history(byte[] entry) {
        return Arrays.copyOfRange(entry, DUE_BYTES, entry.length);
    }
}
