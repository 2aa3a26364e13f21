package org.adrdstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.SchemaRegistryException;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro {@link SpecificRecord}s in the Confluent wire format under the subject {@code <topic>-key} or
 * {@code <topic>-value}. The schema id comes from registering the record's schema
 * ({@code auto.register.schemas=true}, the default), from the subject's latest version
 * ({@code use.latest.version=true}), or from looking the record's schema up in the subject.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private boolean isKey;
    private boolean autoRegister = AvroSerdeConfig.DEFAULT_AUTO_REGISTER_SCHEMAS;
    private boolean useLatest = AvroSerdeConfig.DEFAULT_USE_LATEST_VERSION;
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} then builds the registry client. */
    public SpecificAvroSerializer() {
    }

    /** Uses a shared client; {@link #configure} still reads the serializer switches. */
    public SpecificAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatest = config.useLatestVersion();
        if (client == null) {
            client = new RestSchemaRegistryClient(config);
            ownsClient = true;
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("serializer not configured: call configure() or pass a client");
        }
        String subject = topic + (isKey ? "-key" : "-value");
        Schema schema = record.getSchema();
        try {
            SchemaAndId target = schemaFor(subject, schema);
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
            WireFormat.writeHeader(header, target.id());
            out.write(header.array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(target.schema(), SpecificAvroSerializer::newWriter).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Topic '" + topic + "': cannot get a schema id for subject '"
                    + subject + "': " + e.getMessage(), e);
        } catch (SerializationException e) {
            throw new SerializationException("Topic '" + topic + "': " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Topic '" + topic + "': cannot write " + schema.getFullName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** With the generated classes' own model, so nested logical types (Instant, LocalDate) convert. */
    private static <R> SpecificDatumWriter<R> newWriter(Schema schema) {
        return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }

    private SchemaAndId schemaFor(String subject, Schema schema) {
        if (autoRegister) {
            return new SchemaAndId(schema, client.register(subject, schema));
        }
        if (useLatest) {
            RegisteredSchema latest = client.latest(subject);
            Schema latestSchema = client.schemaById(latest.id());
            // Avro writes specific records by field position: only an identical structure is safe to write.
            if (!latestSchema.equals(schema)) {
                throw new SerializationException("subject '" + subject + "' has latest version " + latest.version()
                        + " (id " + latest.id() + "), whose schema differs from " + schema.getFullName()
                        + " as compiled into this application; regenerate the classes or turn off "
                        + AvroSerdeConfig.USE_LATEST_VERSION_CONFIG);
            }
            return new SchemaAndId(latestSchema, latest.id());
        }
        return new SchemaAndId(schema, client.lookup(subject, schema).id());
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }

    private record SchemaAndId(Schema schema, int id) {
    }
}
