package org.adrdstream.streams.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.serde.InternalAvroSerde;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads one patient's detailed events from the events store in history order (time, then event_id),
 * decoding only what ordering needs: {@code event_id} and {@code time} are the first and third fields of
 * {@code HistoryEvent}, so the rest of each entry stays as stored bytes until someone needs the record.
 */
final class StoredEvents {

    static final InternalAvroSerde<HistoryEvent> EVENT = InternalAvroSerde.of(HistoryEvent.class);
    private static final Comparator<Stored> HISTORY_ORDER =
            Comparator.comparing(Stored::time).thenComparing(Stored::eventId);

    /** One stored event: its store key, its Avro bytes, and the fields that order it. */
    record Stored(Bytes key, byte[] bytes, String eventId, Instant time) {
        HistoryEvent event() {
            return EVENT.deserialize(null, bytes);
        }
    }

    private StoredEvents() {
    }

    static List<Stored> of(ReadOnlyKeyValueStore<Bytes, byte[]> events, String patient) {
        List<Stored> detailed = new ArrayList<>();
        BinaryDecoder decoder = null;
        try (KeyValueIterator<Bytes, byte[]> scan =
                     events.prefixScan(EventKeys.patientPrefix(patient), Serdes.Bytes().serializer())) {
            while (scan.hasNext()) {
                var entry = scan.next();
                decoder = DecoderFactory.get().binaryDecoder(entry.value, decoder);
                String eventId = decoder.readString();
                decoder.readEnum(); // kind
                detailed.add(new Stored(entry.key, entry.value, eventId, Instant.ofEpochMilli(decoder.readLong())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event in the history of " + patient, e);
        }
        detailed.sort(HISTORY_ORDER);
        return detailed;
    }
}
