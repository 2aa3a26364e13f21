package org.adrdstream.registry.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;

/**
 * The Confluent Schema Registry endpoints this server implements, with Confluent's JSON shapes.
 * docs/schema-registry.md lists them and the behaviour knowingly left out.
 */
final class RegistryApi {

    private final SchemaStore store;

    RegistryApi(SchemaStore store) {
        this.store = store;
    }

    Router routes() {
        return new Router()
                .add("GET", "/", request -> Map.of())
                .add("GET", "/subjects", request -> store.subjects(request.flag("deleted")))
                .add("POST", "/subjects/{subject}/versions", this::register)
                .add("POST", "/subjects/{subject}", this::lookup)
                .add("DELETE", "/subjects/{subject}",
                        request -> store.deleteSubject(request.path(0), request.flag("permanent")))
                .add("GET", "/subjects/{subject}/versions",
                        request -> store.versions(request.path(0), request.flag("deleted")))
                .add("GET", "/subjects/{subject}/versions/{version}",
                        request -> versionBody(store.version(request.path(0), request.version(1),
                                request.flag("deleted"))))
                .add("GET", "/subjects/{subject}/versions/{version}/schema",
                        request -> store.version(request.path(0), request.version(1), request.flag("deleted")).schema())
                .add("GET", "/schemas/ids/{id}", request -> Map.of("schema", schemaById(request)))
                .add("GET", "/schemas/ids/{id}/schema", this::schemaById)
                .add("GET", "/schemas/ids/{id}/versions", this::usesOfId)
                .add("GET", "/schemas/types", request -> List.of(RegisteredSchema.AVRO))
                .add("POST", "/compatibility/subjects/{subject}/versions/{version}", this::compatibility)
                .add("POST", "/compatibility/subjects/{subject}/versions", this::compatibility)
                .add("GET", "/config", request -> Map.of("compatibilityLevel", store.globalLevel().name()))
                .add("PUT", "/config", request -> setLevel(Optional.empty(), request))
                .add("GET", "/config/{subject}", this::subjectLevel)
                .add("PUT", "/config/{subject}", request -> setLevel(Optional.of(request.path(0)), request))
                .add("DELETE", "/config/{subject}", this::clearSubjectLevel)
                .add("GET", "/mode", request -> Map.of("mode", "READWRITE"));
    }

    private Object register(RegistryRequest request) {
        SchemaVersion registered = store.register(request.path(0), request.schema());
        return Map.of("id", registered.id());
    }

    private Object lookup(RegistryRequest request) {
        return versionBody(store.lookup(request.path(0), request.schema(), request.flag("deleted")));
    }

    private String schemaById(RegistryRequest request) {
        return store.schemaById(id(request)).orElseThrow(() -> new SchemaRegistryException(
                "Schema " + request.path(0) + " not found", 404, RegistryErrorCode.SCHEMA_NOT_FOUND));
    }

    private Object usesOfId(RegistryRequest request) {
        schemaById(request);
        return store.usesOf(id(request)).stream()
                .map(v -> Map.of("subject", v.subject(), "version", v.version())).toList();
    }

    private Object compatibility(RegistryRequest request) {
        List<String> problems = store.testCompatibility(request.path(0), request.optionalVersion(1), request.schema());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            body.put("messages", problems);
        }
        return body;
    }

    private Object subjectLevel(RegistryRequest request) {
        Optional<CompatibilityLevel> level = store.subjectLevel(request.path(0));
        if (level.isEmpty() && !request.flag("defaultToGlobal")) {
            throw new SchemaRegistryException("Subject '" + request.path(0) + "' does not have subject-level "
                    + "compatibility configured", 404, RegistryErrorCode.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
        }
        return Map.of("compatibilityLevel", level.orElse(store.globalLevel()).name());
    }

    private Object setLevel(Optional<String> subject, RegistryRequest request) {
        String requested = request.jsonBody().path("compatibility").asText(null);
        CompatibilityLevel level;
        try {
            level = CompatibilityLevel.parse(requested);
        } catch (IllegalArgumentException e) {
            throw new SchemaRegistryException(e.getMessage(), 422, RegistryErrorCode.INVALID_COMPATIBILITY_LEVEL);
        }
        store.setLevel(subject, Optional.of(level));
        return Map.of("compatibility", level.name());
    }

    private Object clearSubjectLevel(RegistryRequest request) {
        CompatibilityLevel previous = store.subjectLevel(request.path(0)).orElseThrow(() ->
                new SchemaRegistryException("Subject '" + request.path(0) + "' not found.", 404,
                        RegistryErrorCode.SUBJECT_NOT_FOUND));
        store.setLevel(Optional.of(request.path(0)), Optional.empty());
        return Map.of("compatibilityLevel", previous.name());
    }

    private static int id(RegistryRequest request) {
        try {
            return Integer.parseInt(request.path(0));
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException("Schema " + request.path(0) + " not found", 404,
                    RegistryErrorCode.SCHEMA_NOT_FOUND);
        }
    }

    private static Map<String, Object> versionBody(SchemaVersion version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema());
        return body;
    }
}
