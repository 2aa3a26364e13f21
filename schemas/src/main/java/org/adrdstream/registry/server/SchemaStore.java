package org.adrdstream.registry.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's operations over its {@link RegistryState}, rebuilt from the {@link KafkaStoreLog} at start
 * and kept in step with it: every change is written to the log first and applied in memory only once the
 * broker has acknowledged it, so a restart serves the same ids.
 *
 * <p>Reads share a read lock; writes take the write lock, so a slow store write never reorders changes.
 * One registry instance writes to a store topic at a time.
 */
final class SchemaStore {

    private final KafkaStoreLog log;
    private final RegistryState state;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    SchemaStore(KafkaStoreLog log, CompatibilityLevel defaultLevel) {
        this.log = log;
        this.state = new RegistryState(defaultLevel);
        log.replay(state::applyRecord);
    }

    /** Registers a schema, or returns the live version that already holds it. */
    SchemaVersion register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        return write(() -> {
            List<SchemaVersion> live = state.versions(subject, false);
            for (SchemaVersion existing : live) {
                if (existing.schema().equals(canonical)) {
                    return existing;
                }
            }
            List<String> problems = CompatibilityChecker.check(state.level(subject), schema, parsed(live));
            if (!problems.isEmpty()) {
                throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema "
                        + "for subject \"" + subject + "\", details: " + problems, 409,
                        RegistryErrorCode.INCOMPATIBLE_SCHEMA);
            }
            var all = state.allVersions(subject);
            int version = all.isEmpty() ? 1 : all.lastKey() + 1;
            SchemaVersion created = SchemaVersion.live(subject, version, state.idFor(canonical), canonical);
            log.writeSchema(created);
            state.apply(created);
            return created;
        });
    }

    /** The version of {@code subject} that holds exactly {@code schemaText}. */
    SchemaVersion lookup(String subject, String schemaText, boolean includeDeleted) {
        String canonical = parse(schemaText).toString();
        return read(() -> requireVersions(subject, includeDeleted).stream()
                .filter(v -> v.schema().equals(canonical)).findFirst()
                .orElseThrow(() -> new SchemaRegistryException("Schema not found", 404,
                        RegistryErrorCode.SCHEMA_NOT_FOUND)));
    }

    /**
     * Problems that would refuse {@code schemaText}: against one version (a number or {@code latest}) in the
     * direction of the subject's level, or, without a version, as registration would check. A subject with
     * no versions yet accepts anything, as in Confluent 7 and later.
     */
    List<String> testCompatibility(String subject, Optional<Integer> version, String schemaText) {
        Schema schema = parse(schemaText);
        return read(() -> {
            List<SchemaVersion> live = state.versions(subject, false);
            if (live.isEmpty()) {
                return List.of();
            }
            CompatibilityLevel level = state.level(subject);
            if (version.isEmpty()) {
                return CompatibilityChecker.check(level, schema, parsed(live));
            }
            SchemaVersion target = find(subject, version.get(), false);
            return CompatibilityChecker.check(level.nonTransitive(), schema, parsed(List.of(target)));
        });
    }

    SchemaVersion version(String subject, int version, boolean includeDeleted) {
        return read(() -> find(subject, version, includeDeleted));
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        return read(() -> requireVersions(subject, includeDeleted).stream().map(SchemaVersion::version).toList());
    }

    List<String> subjects(boolean includeDeleted) {
        return read(() -> state.subjects(includeDeleted));
    }

    Optional<String> schemaById(int id) {
        return read(() -> state.schemaById(id));
    }

    /** Live subject and version pairs that use schema {@code id}. */
    List<SchemaVersion> usesOf(int id) {
        return read(() -> state.usesOf(id));
    }

    /**
     * Soft-deletes every live version of a subject and clears its compatibility level; with
     * {@code permanent}, erases a subject that was soft-deleted first.
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return write(() -> {
            List<SchemaVersion> visible = state.versions(subject, true);
            if (visible.isEmpty()) {
                throw subjectNotFound(subject);
            }
            if (permanent && visible.stream().anyMatch(v -> !v.deleted())) {
                throw new SchemaRegistryException("Subject '" + subject + "' was not deleted first before "
                        + "being permanently deleted", 404, RegistryErrorCode.SUBJECT_NOT_SOFT_DELETED);
            }
            if (!permanent && visible.stream().allMatch(SchemaVersion::deleted)) {
                throw new SchemaRegistryException("Subject '" + subject + "' was soft deleted.", 404,
                        RegistryErrorCode.SUBJECT_SOFT_DELETED);
            }
            List<Integer> deleted = new ArrayList<>();
            for (SchemaVersion version : visible) {
                if (permanent || !version.deleted()) {
                    SchemaVersion changed = permanent ? version.erasedVersion() : version.softDeleted();
                    log.writeSchema(changed);
                    state.apply(changed);
                    deleted.add(version.version());
                }
            }
            if (!permanent && state.subjectLevel(subject).isPresent()) {
                log.writeConfig(Optional.of(subject), Optional.empty());
                state.applyLevel(Optional.of(subject), Optional.empty());
            }
            return deleted;
        });
    }

    CompatibilityLevel globalLevel() {
        return read(state::globalLevel);
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return read(() -> state.subjectLevel(subject));
    }

    /** Sets a subject's level, the global one when {@code subject} is empty; an empty level clears it. */
    void setLevel(Optional<String> subject, Optional<CompatibilityLevel> level) {
        write(() -> {
            log.writeConfig(subject, level);
            state.applyLevel(subject, level);
            return null;
        });
    }

    private SchemaVersion find(String subject, int version, boolean includeDeleted) {
        List<SchemaVersion> visible = requireVersions(subject, includeDeleted);
        Optional<SchemaVersion> found = version == -1
                ? state.versions(subject, false).stream().reduce((first, second) -> second)
                : visible.stream().filter(v -> v.version() == version).findFirst();
        return found.orElseThrow(() -> new SchemaRegistryException("Version "
                + (version == -1 ? "latest" : version) + " not found.", 404, RegistryErrorCode.VERSION_NOT_FOUND));
    }

    private List<SchemaVersion> requireVersions(String subject, boolean includeDeleted) {
        List<SchemaVersion> visible = state.versions(subject, includeDeleted);
        if (visible.isEmpty()) {
            throw subjectNotFound(subject);
        }
        return visible;
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static List<Schema> parsed(List<SchemaVersion> versions) {
        return versions.stream().map(v -> new Schema.Parser().parse(v.schema())).toList();
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw new SchemaRegistryException("Invalid schema: the request has no schema", 422,
                    RegistryErrorCode.INVALID_SCHEMA);
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw new SchemaRegistryException("Invalid schema " + schemaText + ": " + e.getMessage(), 422,
                    RegistryErrorCode.INVALID_SCHEMA, e);
        }
    }

    private static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException("Subject '" + subject + "' not found.", 404,
                RegistryErrorCode.SUBJECT_NOT_FOUND);
    }
}
