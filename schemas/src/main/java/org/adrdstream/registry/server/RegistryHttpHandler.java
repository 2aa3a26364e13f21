package org.adrdstream.registry.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@link RegistryApi} over HTTP: checks basic auth when users are configured, dispatches, and
 * answers {@code application/vnd.schemaregistry.v1+json} with Confluent's {@code {"error_code", "message"}}
 * bodies on failure.
 */
final class RegistryHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final ObjectMapper json = new ObjectMapper();
    private final Router router;
    private final Map<String, String> users;

    RegistryHttpHandler(Router router, Map<String, String> users) {
        this.router = router;
        this.users = Map.copyOf(users);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                authenticate(exchange);
                String path = exchange.getRequestURI().getRawPath();
                Router.Match match = router.route(exchange.getRequestMethod(), path);
                RegistryRequest request = new RegistryRequest(match.pathParams(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestBody(), json);
                respond(exchange, 200, match.endpoint().handle(request));
            } catch (SchemaRegistryException e) {
                respond(exchange, e.httpStatus(), errorBody(e.errorCode(), e.getMessage()));
            } catch (RuntimeException e) {
                log.error("registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                respond(exchange, 500, errorBody(500, "Internal Server Error: " + e.getMessage()));
            }
        }
    }

    private void authenticate(HttpExchange exchange) {
        if (users.isEmpty()) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0 && constantTimeEquals(users.get(decoded.substring(0, colon)), decoded.substring(colon + 1))) {
                return;
            }
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"adrd-schema-registry\"");
        throw new SchemaRegistryException("Unauthorized", 401, RegistryErrorCode.UNAUTHORIZED);
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", RegisteredSchema.MEDIA_TYPE);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, Object> errorBody(int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return body;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return expected != null && java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
