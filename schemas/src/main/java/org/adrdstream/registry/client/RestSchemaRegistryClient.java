package org.adrdstream.registry.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.SchemaRegistryException;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API, with the caches a serde needs to stay off the
 * network on the hot path: schema by id (for good: ids are immutable), id by (subject, schema), and each
 * subject's latest version (for {@code latest.cache.ttl.sec}).
 *
 * <p>Thread-safe; one instance per serializer or deserializer is typical, as with Confluent's client.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryHttpTransport transport;
    private final int maxSchemasPerSubject;
    private final long latestTtlNanos;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Map<Schema, RegisteredSchema>> registered = new ConcurrentHashMap<>();
    private final Map<String, CachedLatest> latest = new ConcurrentHashMap<>();

    public RestSchemaRegistryClient(SchemaRegistryClientConfig config) {
        this.transport = new RegistryHttpTransport(config);
        this.maxSchemasPerSubject = config.getInt(SchemaRegistryClientConfig.MAX_SCHEMAS_PER_SUBJECT_CONFIG);
        long ttlSeconds = config.getLong(SchemaRegistryClientConfig.LATEST_CACHE_TTL_SEC_CONFIG);
        this.latestTtlNanos = ttlSeconds < 0 ? Long.MAX_VALUE : ttlSeconds * 1_000_000_000L;
    }

    /** A client for the given Confluent-style properties ({@code schema.registry.url}, ...). */
    public static RestSchemaRegistryClient create(Map<String, ?> properties) {
        return new RestSchemaRegistryClient(new SchemaRegistryClientConfig(properties));
    }

    @Override
    public int register(String subject, Schema schema) {
        RegisteredSchema known = cachedRegistration(subject, schema);
        if (known != null) {
            return known.id();
        }
        JsonNode answer = transport.send("POST", subjectPath(subject) + "/versions", Map.of("schema", schema.toString()));
        int id = answer.path("id").asInt();
        int version = answer.path("version").asInt(0);
        remember(subject, schema, new RegisteredSchema(subject, version, id, RegisteredSchema.AVRO, schema.toString()));
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        // Fetched outside the map so a slow registry never blocks lookups of other ids.
        JsonNode answer = transport.send("GET", "/schemas/ids/" + id, null);
        requireAvro(answer, "schema id " + id);
        Schema fetched = parse(answer.path("schema").asText());
        Schema raced = schemasById.putIfAbsent(id, fetched);
        return raced == null ? fetched : raced;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        RegisteredSchema known = cachedRegistration(subject, schema);
        if (known != null && known.version() > 0) {
            return known;
        }
        RegisteredSchema found = toRegistered(transport.send("POST", subjectPath(subject),
                Map.of("schema", schema.toString())));
        remember(subject, schema, found);
        return found;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        CachedLatest cached = latest.get(subject);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedAt() < latestTtlNanos) {
            return cached.schema();
        }
        RegisteredSchema fresh = version(subject, "latest");
        latest.put(subject, new CachedLatest(fresh, now));
        return fresh;
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        RegisteredSchema found = toRegistered(transport.send("GET", subjectPath(subject) + "/versions/" + version, null));
        schemasById.putIfAbsent(found.id(), parse(found.schema()));
        return found;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        transport.send("GET", subjectPath(subject) + "/versions", null).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        transport.send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Integer version, Schema schema) {
        String path = "/compatibility" + subjectPath(subject) + "/versions"
                + (version == null ? "" : "/" + version) + "?verbose=true";
        JsonNode answer = transport.send("POST", path, Map.of("schema", schema.toString()));
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        return CompatibilityLevel.parse(transport.send("GET", path, null).path("compatibilityLevel").asText());
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        String path = subject == null ? "/config" : "/config/" + encode(subject);
        transport.send("PUT", path, Map.of("compatibility", level.name()));
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = new ArrayList<>();
        transport.send("DELETE", subjectPath(subject), null).forEach(v -> deleted.add(v.asInt()));
        registered.remove(subject);
        latest.remove(subject);
        return deleted;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient on Java 17 has no close; its threads are daemons and end with it.
    }

    private RegisteredSchema cachedRegistration(String subject, Schema schema) {
        Map<Schema, RegisteredSchema> bySchema = registered.get(subject);
        return bySchema == null ? null : bySchema.get(schema);
    }

    private void remember(String subject, Schema schema, RegisteredSchema registration) {
        Map<Schema, RegisteredSchema> bySchema = registered.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        if (bySchema.size() >= maxSchemasPerSubject && !bySchema.containsKey(schema)) {
            throw new IllegalStateException("more than " + maxSchemasPerSubject + " distinct schemas for subject '"
                    + subject + "': a schema is probably being built per record (see max.schemas.per.subject)");
        }
        bySchema.put(schema, registration);
        schemasById.putIfAbsent(registration.id(), schema);
    }

    private static RegisteredSchema toRegistered(JsonNode node) {
        requireAvro(node, "subject " + node.path("subject").asText());
        return new RegisteredSchema(node.path("subject").asText(), node.path("version").asInt(),
                node.path("id").asInt(), RegisteredSchema.AVRO, node.path("schema").asText());
    }

    private static void requireAvro(JsonNode node, String what) {
        RegisteredSchema.requireAvro(node.path("schemaType").asText(RegisteredSchema.AVRO), what);
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + encode(subject);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record CachedLatest(RegisteredSchema schema, long fetchedAt) {
    }
}
