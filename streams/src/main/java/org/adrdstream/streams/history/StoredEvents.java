package org.adrdstream.streams.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.serde.InternalAvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads one patient's detailed events from the events store, in history order (time, then event_id). */
final class StoredEvents {

    static final InternalAvroSerde<HistoryEvent> EVENT = InternalAvroSerde.of(HistoryEvent.class);

    private StoredEvents() {
    }

    static List<KeyValue<Bytes, HistoryEvent>> of(ReadOnlyKeyValueStore<Bytes, byte[]> events, String patient) {
        List<KeyValue<Bytes, HistoryEvent>> detailed = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> scan =
                     events.prefixScan(EventKeys.patientPrefix(patient), Serdes.Bytes().serializer())) {
            scan.forEachRemaining(entry -> detailed.add(KeyValue.pair(entry.key, EVENT.deserialize(null, entry.value))));
        }
        detailed.sort(Comparator.comparing((KeyValue<Bytes, HistoryEvent> e) -> e.value.getTime())
                .thenComparing(e -> e.value.getEventId()));
        return detailed;
    }
}
