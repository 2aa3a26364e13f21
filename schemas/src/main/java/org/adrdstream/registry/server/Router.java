package org.adrdstream.registry.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;

/**
 * Maps method and path to an endpoint. Path templates use {@code {name}} for one segment; captured
 * segments are URL-decoded, so subjects with reserved characters work when clients encode them.
 */
final class Router {

    /** An endpoint: takes a request, returns the object to answer as JSON (a String is sent as is). */
    @FunctionalInterface
    interface Endpoint {
        Object handle(RegistryRequest request);
    }

    record Match(Endpoint endpoint, List<String> pathParams) {
    }

    private record Route(String method, Pattern pattern, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Endpoint endpoint) {
        String regex = template.replaceAll("\\{[^/]+}", "([^/]+)");
        routes.add(new Route(method, Pattern.compile(regex + "/?"), endpoint));
        return this;
    }

    Match route(String method, String rawPath) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(rawPath);
            if (!matcher.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= matcher.groupCount(); i++) {
                    params.add(URLDecoder.decode(matcher.group(i), StandardCharsets.UTF_8));
                }
                return new Match(route.endpoint(), params);
            }
        }
        if (pathKnown) {
            throw new SchemaRegistryException("HTTP " + method + " not allowed on " + rawPath, 405,
                    RegistryErrorCode.METHOD_NOT_ALLOWED);
        }
        throw new SchemaRegistryException("HTTP 404 Not Found: no endpoint " + rawPath, 404,
                RegistryErrorCode.ENDPOINT_NOT_FOUND);
    }
}
