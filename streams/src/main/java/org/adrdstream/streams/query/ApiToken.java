package org.adrdstream.streams.query;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;

/**
 * The bearer token the interactive-query API and the dashboard can require. API clients, and instances
 * forwarding a query to the owner of a patient, send {@code Authorization: Bearer TOKEN}. A browser opens the
 * dashboard once as {@code /?token=TOKEN}: the answer sets the token as an HttpOnly, same-site cookie and
 * redirects to the address without it, so the page's own requests (and its event stream, which cannot
 * send headers) carry it. Probes ({@code /healthz}, {@code /readyz}) stay open: they tell nothing of patients.
 *
 * <p>Without a token ({@link #none()}) every request passes, as on a workstation demo.
 */
public final class ApiToken extends Filter {

    /** Cookie holding the token in a browser. */
    public static final String COOKIE = "adrd_token";
    private static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz");
    private static final ApiToken NONE = new ApiToken(null);

    private final byte[] token;

    private ApiToken(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** A filter requiring {@code token}; a null or blank token means {@link #none()}. */
    public static ApiToken of(String token) {
        return token == null || token.isBlank() ? NONE : new ApiToken(token);
    }

    /** A filter letting everything through. */
    public static ApiToken none() {
        return NONE;
    }

    /** Whether requests must carry the token. */
    public boolean required() {
        return token != null;
    }

    /** {@code request} with the token as its bearer credential, when one is required. */
    public HttpRequest.Builder sign(HttpRequest.Builder request) {
        return required() ? request.header("Authorization", "Bearer " + new String(token, StandardCharsets.UTF_8)) : request;
    }

    /** The address a browser opens first: {@code url?token=TOKEN} when a token is required, else {@code url}. */
    public String browserLink(String url) {
        return required() ? url + "?token=" + URLEncoder.encode(new String(token, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8) : url;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!required() || OPEN_PATHS.contains(exchange.getRequestURI().getPath())) {
            chain.doFilter(exchange);
            return;
        }
        Optional<String> fromQuery = queryToken(exchange);
        if (fromQuery.isPresent() && matches(fromQuery.get())) {
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + fromQuery.get()
                    + "; Path=/; HttpOnly; SameSite=Strict");
            exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getPath());
            reply(exchange, 303, "");
        } else if (bearer(exchange).filter(this::matches).or(() -> cookie(exchange).filter(this::matches)).isPresent()) {
            chain.doFilter(exchange);
        } else {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"adrd-stream\"");
            reply(exchange, 401, "{\"error\":\"this API needs its token: header 'Authorization: Bearer TOKEN', "
                    + "or open the dashboard once as /?token=TOKEN\"}");
        }
    }

    @Override
    public String description() {
        return "bearer token or adrd_token cookie";
    }

    private boolean matches(String candidate) {
        // Constant time: the comparison must not tell how much of a guess was right.
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? Optional.of(header.substring(7).trim()) : Optional.empty();
    }

    private static Optional<String> cookie(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(COOKIE + "=")) {
                    return Optional.of(trimmed.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> queryToken(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                return Optional.of(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
