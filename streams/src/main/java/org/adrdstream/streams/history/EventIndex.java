package org.adrdstream.streams.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event_ids a history no longer holds in detail but must still recognise: retracted ones (so the event
 * stays out when it is re-sent, or arrives after its retraction), folded ones (so a re-send is not counted
 * twice, and a retraction can take it back out of its summary), and the DEATH event that set the death date.
 *
 * <p>Retraction and fold markers are remembered for the re-send horizon and then swept away, so the store
 * holds what the horizon's retractions and folds left, not every event ever seen (docs/streams.md, "State
 * and its bounds"). A fold marker keeps only what its summary is found by: kind, code system and value.
 * The death marker lives as long as the history.
 *
 * <p>Values, by first byte: {@code 1} retracted, {@code 3} folded (each followed by the wall-clock time it was
 * set), {@code 2} death. Earlier builds wrote {@code 0} for retracted and the whole Avro {@code HistoryEvent}
 * (whose first byte, a zig-zag length, is even) for folded, without a time: the sweep dates those to its
 * first pass, so they too expire one horizon after an upgrade.
 */
final class EventIndex {

    /** What a marker says about its event_id. */
    enum Kind { RETRACTED, FOLDED, DEATH }

    /** One marker; {@code markedAtMs} is -1 for a marker of an earlier build, which carried no time. */
    record Marker(Kind kind, long markedAtMs, EventKind eventKind, Code code) {
    }

    private static final byte LEGACY_RETRACTED = 0;
    private static final byte RETRACTED = 1;
    private static final byte DEATH = 2;
    private static final byte FOLDED = 3;

    private final KeyValueStore<Bytes, byte[]> store;
    private final long horizonMs;
    /** Where the next sweep starts; null for the beginning. Lost on restart, which only restarts the cycle. */
    private Bytes sweepFrom;

    EventIndex(KeyValueStore<Bytes, byte[]> store, long horizonMs) {
        this.store = store;
        this.horizonMs = horizonMs;
    }

    /** The marker of {@code key}, or null if the event_id is unknown here (new, or held in detail). */
    Marker marker(Bytes key) {
        byte[] value = store.get(key);
        return value == null ? null : decode(value);
    }

    void markRetracted(Bytes key, long nowMs) {
        store.put(key, timed(RETRACTED, nowMs).toByteArray());
    }

    void markDeath(Bytes key) {
        store.put(key, new byte[] {DEATH});
    }

    /** Puts a marker moved from a retired patient's history, as stored there (its time kept). */
    void restore(Bytes key, byte[] marker) {
        store.put(key, marker);
    }

    /** Removes and returns one patient's markers ({@code prefix} from {@link EventKeys#patientPrefix}). */
    List<MergeMessage.Transfer.Entry> removeAll(Bytes prefix) {
        return EventKeys.removeAll(store, prefix);
    }

    void markFolded(Bytes key, HistoryEvent event, long nowMs) {
        Code code = SummaryFolding.codeOf(event.getKind(), event.getCode());
        store.put(key, folded(nowMs, event.getKind(), code));
    }

    /**
     * Examines up to {@code budget} markers from where the last sweep stopped (the sweep after one that reached
     * the end starts over) and removes the retraction and fold markers older than the horizon; returns how many
     * it removed.
     */
    int sweep(long nowMs, int budget) {
        long expiredBefore = nowMs - horizonMs;
        List<Bytes> expired = new ArrayList<>();
        List<KeyValue<Bytes, byte[]>> dated = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> scan = sweepFrom == null ? store.all() : store.range(sweepFrom, null)) {
            for (int examined = 0; examined < budget && scan.hasNext(); examined++) {
                KeyValue<Bytes, byte[]> entry = scan.next();
                byte tag = entry.value[0];
                if (tag == RETRACTED || tag == FOLDED) { // the common case, read without decoding the rest
                    if (ByteBuffer.wrap(entry.value, 1, Long.BYTES).getLong() < expiredBefore) {
                        expired.add(entry.key);
                    }
                } else {
                    Marker marker = decode(entry.value);
                    if (marker.kind() != Kind.DEATH) { // an earlier build's marker: dated now, expires a horizon on
                        dated.add(KeyValue.pair(entry.key, redate(marker, nowMs)));
                    }
                }
            }
            sweepFrom = scan.hasNext() ? scan.peekNextKey() : null;
        }
        expired.forEach(store::delete);
        dated.forEach(entry -> store.put(entry.key, entry.value));
        return expired.size();
    }

    private static byte[] redate(Marker marker, long nowMs) {
        return marker.kind() == Kind.RETRACTED ? timed(RETRACTED, nowMs).toByteArray()
                : folded(nowMs, marker.eventKind(), marker.code());
    }

    static Marker decode(byte[] value) {
        if (value.length == 1 && value[0] == LEGACY_RETRACTED) {
            return new Marker(Kind.RETRACTED, -1, null, null);
        }
        if (value.length == 1 && value[0] == DEATH) {
            return new Marker(Kind.DEATH, -1, null, null);
        }
        if ((value[0] & 1) == 0) { // an earlier build's folded HistoryEvent
            HistoryEvent event = StoredEvents.EVENT.deserialize(null, value);
            return new Marker(Kind.FOLDED, -1, event.getKind(), SummaryFolding.codeOf(event.getKind(), event.getCode()));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value, 1, value.length - 1))) {
            long markedAt = in.readLong();
            if (value[0] == RETRACTED) {
                return new Marker(Kind.RETRACTED, markedAt, null, null);
            }
            EventKind kind = EventKind.valueOf(in.readUTF());
            Code code = new Code(CodeSystem.valueOf(in.readUTF()), in.readUTF(), null);
            return new Marker(Kind.FOLDED, markedAt, kind, code);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event index marker", e);
        }
    }

    private static byte[] folded(long nowMs, EventKind kind, Code code) {
        ByteArrayOutputStream bytes = timed(FOLDED, nowMs);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            // names, not ordinals: an enum that gains a symbol must not change what a stored marker means
            out.writeUTF(kind.name());
            out.writeUTF(code.getSystem().name());
            out.writeUTF(code.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ByteArrayOutputStream timed(byte tag, long nowMs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        bytes.write(tag);
        bytes.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(nowMs).array());
        return bytes;
    }
}
