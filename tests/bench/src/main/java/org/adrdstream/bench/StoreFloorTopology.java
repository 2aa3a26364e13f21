package org.adrdstream.bench;

import java.nio.ByteBuffer;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The history suite's second baseline: the least that keeping every event in durable state can cost. Each
 * event's bytes, undecoded, are put once into a persistent, changelogged, uncached store under the event's
 * key and offset; nothing is read back or published. History assembly does this and more (decode,
 * validate, read the header and index, write the header, publish), so this rate bounds any design that keeps
 * per-event state in a Kafka Streams store, on the same broker and cores.
 */
final class StoreFloorTopology {

    static final String STORE = "floor-events";

    private StoreFloorTopology() {
    }

    static Topology build(String eventsTopic) {
        Topology topology = new Topology();
        topology.addSource("events", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), eventsTopic);
        topology.addProcessor("put", EventPut::new, "events");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), "put");
        return topology;
    }

    /** Puts each record's value under its key followed by its offset (unique per event, as an event_id is). */
    private static final class EventPut implements Processor<byte[], byte[], Void, Void> {
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<Bytes, byte[]> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            long offset = context.recordMetadata().orElseThrow().offset();
            byte[] key = ByteBuffer.allocate(record.key().length + Long.BYTES).put(record.key()).putLong(offset).array();
            store.put(Bytes.wrap(key), record.value());
        }
    }
}
