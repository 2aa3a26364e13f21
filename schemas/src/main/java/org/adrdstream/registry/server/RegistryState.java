package org.adrdstream.registry.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.registry.CompatibilityLevel;

/**
 * The registry's data in memory — versions per subject, schemas by global id, compatibility levels — and
 * how each record of the store topic changes it. Not thread-safe: {@link SchemaStore} guards it.
 */
final class RegistryState {

    private final Map<String, TreeMap<Integer, SchemaVersion>> subjects = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    RegistryState(CompatibilityLevel defaultLevel) {
        this.globalLevel = defaultLevel;
    }

    /** Versions of {@code subject} that reads may see, oldest first. */
    List<SchemaVersion> versions(String subject, boolean includeDeleted) {
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream()
                .filter(v -> v.visible(includeDeleted)).toList();
    }

    /** Every version of {@code subject} ever stored, erased ones included. */
    TreeMap<Integer, SchemaVersion> allVersions(String subject) {
        return subjects.getOrDefault(subject, new TreeMap<>());
    }

    List<String> subjects(boolean includeDeleted) {
        return subjects.keySet().stream().filter(s -> !versions(s, includeDeleted).isEmpty()).sorted().toList();
    }

    List<SchemaVersion> usesOf(int id) {
        return subjects.values().stream().flatMap(m -> m.values().stream())
                .filter(v -> v.id() == id && v.visible(false)).toList();
    }

    Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The id a schema gets: the one it already has anywhere, else one above every id ever issued. */
    int idFor(String canonicalSchema) {
        return idsBySchema.getOrDefault(canonicalSchema, maxId + 1);
    }

    CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    void apply(SchemaVersion version) {
        subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
        schemasById.putIfAbsent(version.id(), version.schema());
        idsBySchema.putIfAbsent(version.schema(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    void applyLevel(Optional<String> subject, Optional<CompatibilityLevel> level) {
        if (subject.isEmpty()) {
            level.ifPresent(l -> globalLevel = l);
        } else if (level.isEmpty()) {
            subjectLevels.remove(subject.get());
        } else {
            subjectLevels.put(subject.get(), level.get());
        }
    }

    /** Applies one record of the store topic, in Confluent's layout. */
    void applyRecord(JsonNode key, JsonNode value) {
        JsonNode subjectNode = key.path("subject");
        Optional<String> subject = subjectNode.isTextual() ? Optional.of(subjectNode.asText()) : Optional.empty();
        switch (key.path("keytype").asText()) {
            case "SCHEMA" -> {
                if (value != null) {
                    apply(new SchemaVersion(value.path("subject").asText(), value.path("version").asInt(),
                            value.path("id").asInt(), value.path("schema").asText(),
                            value.path("deleted").asBoolean(), value.path("erased").asBoolean()));
                } else {
                    // A Confluent hard delete: the version goes, its id stays known so it is never reused.
                    subject.map(subjects::get).ifPresent(m -> m.remove(key.path("version").asInt()));
                }
            }
            case "CONFIG" -> applyLevel(subject, value == null ? Optional.empty()
                    : Optional.of(CompatibilityLevel.parse(value.path("compatibilityLevel").asText())));
            default -> { } // NOOP, DELETE_SUBJECT and other Confluent record types carry nothing this store needs
        }
    }
}
