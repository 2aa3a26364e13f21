package org.adrdstream.serde;

import java.util.Map;

import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Kafka {@link Serde} pairing {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer}. */
public class SpecificAvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    /** For Kafka's reflective construction; the reader class follows the writer schema's name. */
    public SpecificAvroSerde() {
        super(new SpecificAvroSerializer<>(), new SpecificAvroDeserializer<>());
    }

    /** A serde for {@code type} that shares {@code client}. */
    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type) {
        super(new SpecificAvroSerializer<>(client), new SpecificAvroDeserializer<>(client, type));
    }

    /** A configured serde for {@code type}, e.g. {@code SpecificAvroSerde.of(RiskScore.class, props, false)}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> of(Class<T> type, Map<String, ?> configs,
                                                                       boolean isKey) {
        SchemaRegistryClient client = new RestSchemaRegistryClient(new AvroSerdeConfig(configs));
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(client, type);
        serde.configure(configs, isKey);
        return serde;
    }
}
