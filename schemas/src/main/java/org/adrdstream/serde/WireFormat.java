package org.adrdstream.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema's registry id as a 4-byte big-endian int, then the
 * Avro binary encoding of the record.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the header for {@code schemaId} into {@code buffer}. */
    static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }

    /**
     * Checks the header and returns the schema id, leaving {@code buffer} at the Avro payload.
     *
     * @throws SerializationException naming the topic when the bytes are too short or the magic byte is wrong
     */
    public static int readHeader(String topic, ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new SerializationException("Topic '" + topic + "': payload of " + buffer.remaining()
                    + " bytes is too short for the Confluent wire format (magic byte and 4-byte schema id)");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException(String.format("Topic '%s': unknown magic byte 0x%02x (expected 0x00): "
                    + "the record was not written in the Confluent wire format", topic, magic));
        }
        return buffer.getInt();
    }
}
