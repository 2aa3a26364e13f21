package org.adrdstream.registry.server;

/**
 * One stored version of a subject: the value of a SCHEMA record in the {@code _schemas} topic.
 *
 * @param schema  the schema's canonical text (Avro's own {@code Schema.toString()})
 * @param deleted soft-deleted: hidden from normal reads, listed with {@code ?deleted=true}
 * @param erased  permanently deleted: hidden from every subject read; the record stays in the store topic
 *                (instead of a tombstone) so its id is never handed out again and old records still decode
 */
record SchemaVersion(String subject, int version, int id, String schema, boolean deleted, boolean erased) {

    static SchemaVersion live(String subject, int version, int id, String schema) {
        return new SchemaVersion(subject, version, id, schema, false, false);
    }

    SchemaVersion softDeleted() {
        return new SchemaVersion(subject, version, id, schema, true, false);
    }

    SchemaVersion erasedVersion() {
        return new SchemaVersion(subject, version, id, schema, true, true);
    }

    boolean visible(boolean includeDeleted) {
        return !erased && (includeDeleted || !deleted);
    }
}
