package org.adrdstream.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro into generated {@link SpecificRecord} classes, resolving the writer's
 * schema (fetched by id) against the reader class's schema, so records written with an earlier or later
 * compatible schema read correctly.
 *
 * <p>Bad bytes raise {@link SerializationException} naming the topic and the reason: too short, wrong magic
 * byte, schema id unknown to the registry, truncated Avro payload, or bytes left over after the record.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private Class<T> type;
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction: the class comes from config or from the writer schema's name. */
    public SpecificAvroDeserializer() {
    }

    /** Reads into {@code type} using a shared client. */
    public SpecificAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        this.type = type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (type == null) {
            type = (Class<T>) config.specificType(isKey);
        }
        if (client == null) {
            client = new RestSchemaRegistryClient(config);
            ownsClient = true;
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("deserializer not configured: call configure() or pass a client");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int id = WireFormat.readHeader(topic, buffer);
        SpecificDatumReader<T> reader = readers.get(id);
        if (reader == null) {
            // Built outside the map: it may fetch the schema over the network.
            reader = newReader(topic, id);
            readers.putIfAbsent(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null);
        try {
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Topic '" + topic + "': " + decoder.inputStream().available()
                        + " bytes left after the record with schema id " + id + ": payload corrupt or wrong schema");
            }
            return record;
        } catch (EOFException e) {
            throw new SerializationException("Topic '" + topic + "': Avro payload truncated: " + data.length
                    + " bytes end before the record with schema id " + id + " is complete", e);
        } catch (SerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Corrupt bytes surface as whatever the decoder was doing: AvroRuntimeException, an index out of
            // bounds, a ClassCastException, Avro's size limits (UnsupportedOperationException for a string
            // "longer than 2 GB"), a NegativeArraySizeException. All are the record's fault, not the consumer's.
            throw new SerializationException("Topic '" + topic + "': cannot decode record with schema id " + id
                    + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private SpecificDatumReader<T> newReader(String topic, int id) {
        Schema writer;
        try {
            writer = client.schemaById(id);
        } catch (SchemaRegistryException e) {
            String reason = e.errorCode() == RegistryErrorCode.SCHEMA_NOT_FOUND
                    ? "schema id " + id + " is unknown to the schema registry"
                    : "cannot fetch schema id " + id + " from the schema registry";
            throw new SerializationException("Topic '" + topic + "': " + reason + ": " + e.getMessage(), e);
        }
        Schema reader = readerSchema(topic, writer);
        return new SpecificDatumReader<>(writer, reader, PlainListData.forSchema(reader));
    }

    private Schema readerSchema(String topic, Schema writer) {
        if (type != null) {
            return SpecificData.get().getSchema(type);
        }
        Class<?> named = SpecificData.get().getClass(writer);
        if (named == null || !SpecificRecord.class.isAssignableFrom(named)) {
            throw new SerializationException("Topic '" + topic + "': no generated class for writer schema "
                    + writer.getFullName() + "; set " + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE_CONFIG);
        }
        return SpecificData.get().getSchema(named);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
