package org.adrdstream.registry.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's state — subjects, versions, global ids, compatibility levels — rebuilt from the
 * {@link KafkaStoreLog} at start and kept in step with it: every change is written to the log first and
 * applied here only once the broker has acknowledged it, so a restart serves the same ids.
 *
 * <p>Writes are serialised by this object's lock; one registry instance writes to a store topic at a time.
 */
final class SchemaStore {

    private final KafkaStoreLog log;
    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    SchemaStore(KafkaStoreLog log, CompatibilityLevel defaultLevel) {
        this.log = log;
        this.globalLevel = defaultLevel;
        log.replay(this::applyRecord);
    }

    /** Registers a schema, or returns the version that already holds it. */
    synchronized SchemaVersion register(String subject, String schemaText) {
        Schema schema = parse(schemaText);
        String canonical = schema.toString();
        List<SchemaVersion> live = liveVersions(subject);
        for (SchemaVersion existing : live) {
            if (existing.schema().equals(canonical)) {
                return existing;
            }
        }
        List<String> problems = CompatibilityChecker.check(level(subject), schema, parsed(live));
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for "
                    + "subject \"" + subject + "\", details: " + problems, 409, RegistryErrorCode.INCOMPATIBLE_SCHEMA);
        }
        int id = idsBySchema.getOrDefault(canonical, maxId + 1);
        TreeMap<Integer, SchemaVersion> all = subjects.get(subject);
        int version = all == null || all.isEmpty() ? 1 : all.lastKey() + 1;
        SchemaVersion created = new SchemaVersion(subject, version, id, canonical, false);
        log.writeSchema(created);
        apply(created);
        return created;
    }

    /** The live version of {@code subject} that holds exactly {@code schemaText}. */
    synchronized SchemaVersion lookup(String subject, String schemaText) {
        String canonical = parse(schemaText).toString();
        requireSubject(subject);
        return liveVersions(subject).stream().filter(v -> v.schema().equals(canonical)).findFirst()
                .orElseThrow(() -> new SchemaRegistryException("Schema not found", 404,
                        RegistryErrorCode.SCHEMA_NOT_FOUND));
    }

    /** Problems that would refuse {@code schemaText}, checked as registration would or against one version. */
    synchronized List<String> testCompatibility(String subject, Optional<Integer> version, String schemaText) {
        Schema schema = parse(schemaText);
        requireSubject(subject);
        if (version.isPresent()) {
            SchemaVersion target = version(subject, version.get(), false);
            CompatibilityLevel level = level(subject);
            CompatibilityLevel single = level.transitive() ? CompatibilityLevel.valueOf(
                    level.name().replace("_TRANSITIVE", "")) : level;
            return CompatibilityChecker.check(single, schema, parsed(List.of(target)));
        }
        return CompatibilityChecker.check(level(subject), schema, parsed(liveVersions(subject)));
    }

    synchronized SchemaVersion version(String subject, int version, boolean includeDeleted) {
        TreeMap<Integer, SchemaVersion> all = requireSubject(subject);
        SchemaVersion found = version == -1 ? latestLive(all) : all.get(version);
        if (found == null || (found.deleted() && !includeDeleted)) {
            throw new SchemaRegistryException("Version " + (version == -1 ? "latest" : version)
                    + " not found.", 404, RegistryErrorCode.VERSION_NOT_FOUND);
        }
        return found;
    }

    synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        return requireSubject(subject).values().stream().filter(v -> includeDeleted || !v.deleted())
                .map(SchemaVersion::version).toList();
    }

    synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(v -> includeDeleted || !v.deleted()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** Subject and version pairs that use schema {@code id}. */
    synchronized List<SchemaVersion> usesOf(int id) {
        List<SchemaVersion> uses = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().stream()
                .filter(v -> v.id() == id && !v.deleted()).forEach(uses::add));
        return uses;
    }

    /** Soft-deletes (or, when already soft-deleted and {@code permanent}, erases) every version of a subject. */
    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        TreeMap<Integer, SchemaVersion> all = subjects.get(subject);
        if (all == null || all.isEmpty()) {
            throw subjectNotFound(subject);
        }
        if (permanent && all.values().stream().anyMatch(v -> !v.deleted())) {
            throw new SchemaRegistryException("Subject '" + subject + "' was not deleted first before "
                    + "being permanently deleted", 404, RegistryErrorCode.SUBJECT_NOT_SOFT_DELETED);
        }
        List<Integer> deleted = new ArrayList<>();
        for (SchemaVersion version : new ArrayList<>(all.values())) {
            if (permanent) {
                log.eraseSchema(version);
                all.remove(version.version());
                deleted.add(version.version());
            } else if (!version.deleted()) {
                SchemaVersion gone = version.softDeleted();
                log.writeSchema(gone);
                apply(gone);
                deleted.add(version.version());
            }
        }
        if (deleted.isEmpty()) {
            throw new SchemaRegistryException("Subject '" + subject + "' was soft deleted.", 404,
                    RegistryErrorCode.SUBJECT_SOFT_DELETED);
        }
        return deleted;
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized void setLevel(Optional<String> subject, CompatibilityLevel level) {
        log.writeConfig(subject, Optional.of(level));
        subject.ifPresentOrElse(s -> subjectLevels.put(s, level), () -> globalLevel = level);
    }

    synchronized void clearLevel(String subject) {
        log.writeConfig(Optional.of(subject), Optional.empty());
        subjectLevels.remove(subject);
    }

    private CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    private TreeMap<Integer, SchemaVersion> requireSubject(String subject) {
        TreeMap<Integer, SchemaVersion> all = subjects.get(subject);
        if (all == null || all.values().stream().allMatch(SchemaVersion::deleted)) {
            throw subjectNotFound(subject);
        }
        return all;
    }

    private List<SchemaVersion> liveVersions(String subject) {
        TreeMap<Integer, SchemaVersion> all = subjects.getOrDefault(subject, new TreeMap<>());
        return all.values().stream().filter(v -> !v.deleted()).toList();
    }

    private static SchemaVersion latestLive(TreeMap<Integer, SchemaVersion> all) {
        return all.descendingMap().values().stream().filter(v -> !v.deleted()).findFirst().orElse(null);
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

    private void apply(SchemaVersion version) {
        subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
        schemasById.putIfAbsent(version.id(), version.schema());
        idsBySchema.putIfAbsent(version.schema(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    private void applyRecord(JsonNode key, JsonNode value) {
        String subject = key.path("subject").isNull() ? null : key.path("subject").asText(null);
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> {
                if (value == null) {
                    Optional.ofNullable(subjects.get(subject)).ifPresent(m -> m.remove(key.path("version").asInt()));
                } else {
                    apply(new SchemaVersion(value.path("subject").asText(), value.path("version").asInt(),
                            value.path("id").asInt(), value.path("schema").asText(), value.path("deleted").asBoolean()));
                }
            }
            case "CONFIG" -> applyConfig(subject, value);
            default -> { } // NOOP, DELETE_SUBJECT and other Confluent record types carry nothing this store needs
        }
    }

    private void applyConfig(String subject, JsonNode value) {
        if (subject == null) {
            if (value != null) {
                globalLevel = CompatibilityLevel.parse(value.path("compatibilityLevel").asText());
            }
        } else if (value == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, CompatibilityLevel.parse(value.path("compatibilityLevel").asText()));
        }
    }
}
