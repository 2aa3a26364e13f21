package org.adrdstream.registry.server;

/**
 * One stored version of a subject: the value of a SCHEMA record in the {@code _schemas} topic.
 *
 * @param schema  the schema's canonical text (Avro's own {@code Schema.toString()})
 * @param deleted soft-deleted: kept for ids and history, hidden from normal reads
 */
record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

    SchemaVersion softDeleted() {
        return new SchemaVersion(subject, version, id, schema, true);
    }
}
