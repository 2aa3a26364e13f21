package org.adrdstream.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;

/** One API request: its path parameters, query parameters and JSON body, with the API's validation rules. */
final class RegistryRequest {

    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private final List<String> pathParams;
    private final Map<String, String> query;
    private final InputStream body;
    private final ObjectMapper json;

    RegistryRequest(List<String> pathParams, String rawQuery, InputStream body, ObjectMapper json) {
        this.pathParams = pathParams;
        this.query = parseQuery(rawQuery);
        this.body = body;
        this.json = json;
    }

    /** The {@code index}-th captured path segment, URL-decoded. */
    String path(int index) {
        return pathParams.get(index);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }

    /** A version path segment: a number from 1, or {@code latest} / {@code -1}, which both mean -1. */
    int version(int index) {
        String text = path(index);
        if (text.equals("latest")) {
            return -1;
        }
        try {
            int version = Integer.parseInt(text);
            if (version >= 1 || version == -1) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // answered below with the API's own error
        }
        throw new SchemaRegistryException("The specified version '" + text + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"", 422,
                RegistryErrorCode.INVALID_VERSION);
    }

    Optional<Integer> optionalVersion(int index) {
        return index < pathParams.size() ? Optional.of(version(index)) : Optional.empty();
    }

    /** The Avro schema text of a {@code {"schema": …, "schemaType": …}} body. */
    String schema() {
        JsonNode node = jsonBody();
        RegisteredSchema.requireAvro(node.path("schemaType").asText(RegisteredSchema.AVRO), "this registry");
        if (node.path("references").size() > 0) {
            throw new SchemaRegistryException("Invalid schema: schema references are not supported", 422,
                    RegistryErrorCode.INVALID_SCHEMA);
        }
        JsonNode schema = node.get("schema");
        return schema == null || schema.isNull() ? null : schema.asText();
    }

    JsonNode jsonBody() {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new SchemaRegistryException("Request body larger than " + MAX_BODY_BYTES + " bytes", 422,
                        RegistryErrorCode.UNPROCESSABLE_REQUEST);
            }
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new SchemaRegistryException("Request body must be a JSON object", 422,
                        RegistryErrorCode.UNPROCESSABLE_REQUEST);
            }
            return node;
        } catch (IOException e) {
            throw new SchemaRegistryException("Unrecognized JSON in request body: " + e.getMessage(), 422,
                    RegistryErrorCode.UNPROCESSABLE_REQUEST, e);
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
