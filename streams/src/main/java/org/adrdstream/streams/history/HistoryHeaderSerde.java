package org.adrdstream.streams.history;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.serde.InternalAvroSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Store format of {@link HistoryHeader}: the detailed-event count as 4 bytes, then the Avro header. */
final class HistoryHeaderSerde implements Serde<HistoryHeader> {

    private final InternalAvroSerde<PatientHistory> avro = new InternalAvroSerde<>(PatientHistory.class);

    @Override
    public Serializer<HistoryHeader> serializer() {
        return (topic, header) -> {
            if (header == null) {
                return null;
            }
            byte[] body = avro.serialize(topic, header.history());
            return ByteBuffer.allocate(Integer.BYTES + body.length).putInt(header.detailedEvents()).put(body).array();
        };
    }

    @Override
    public Deserializer<HistoryHeader> deserializer() {
        return (topic, data) -> data == null ? null : new HistoryHeader(
                avro.deserialize(topic, Arrays.copyOfRange(data, Integer.BYTES, data.length)),
                ByteBuffer.wrap(data).getInt());
    }
}
