package org.adrdstream.registry;

import java.util.Objects;

/**
 * One version of a subject as the registry stores it: the JSON shape of
 * {@code GET /subjects/{subject}/versions/{version}}.
 *
 * @param subject    subject name, e.g. {@code clinical.events.v1-value}
 * @param version    version within the subject, from 1
 * @param id         globally unique schema id, the one written into every record's wire-format header
 * @param schemaType schema type; always {@code AVRO} here
 * @param schema     the schema text
 */
public record RegisteredSchema(String subject, int version, int id, String schemaType, String schema) {

    /** The type name of Avro schemas in the registry API. */
    public static final String AVRO = "AVRO";
    /** The registry API's media type, for requests and answers. */
    public static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        schemaType = schemaType == null ? AVRO : schemaType;
    }

    /**
     * Refuses schema types other than AVRO, the only one this platform reads and stores.
     *
     * @throws SchemaRegistryException 42201 naming {@code what} and the type
     */
    public static void requireAvro(String schemaType, String what) {
        if (!AVRO.equals(schemaType)) {
            throw new SchemaRegistryException("Invalid schema type " + schemaType + " for " + what
                    + ": only AVRO is supported", 422, RegistryErrorCode.INVALID_SCHEMA);
        }
    }
}
