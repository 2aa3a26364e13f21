package org.adrdstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary, without the registry's header, for state stores and their changelogs: data that only
 * the application that wrote it reads back, with the schema compiled into both sides. Never use it on a
 * platform topic; those carry the Confluent wire format ({@link SpecificAvroSerde}).
 */
public final class InternalAvroSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    private InternalAvroSerde(Schema schema, PlainListData model) {
        this.schema = schema;
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.reader = new SpecificDatumReader<>(schema, schema, model);
    }

    /** Values of a generated record class. */
    public static <R extends SpecificRecord> InternalAvroSerde<R> of(Class<R> type) {
        Schema schema = PlainListData.schemaOf(type);
        return new InternalAvroSerde<>(schema, PlainListData.forSchema(schema));
    }

    /** Lists of a generated record class, read back as {@link java.util.ArrayList}s. */
    public static <R extends SpecificRecord> InternalAvroSerde<List<R>> listOf(Class<R> type) {
        Schema element = PlainListData.schemaOf(type);
        return new InternalAvroSerde<>(Schema.createArray(element), PlainListData.forSchema(element));
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + schema.getName() + " for " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read " + schema.getName() + " from " + topic, e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the schema is compiled in
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
