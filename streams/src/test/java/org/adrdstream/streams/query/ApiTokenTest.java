package org.adrdstream.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bearer token in front of the query API and the dashboard: who gets through and who is turned away. */
class ApiTokenTest {

    private static final String TOKEN = "s3cret-token_1";
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void requestWithoutTheTokenIsRefusedWithAHint() throws Exception {
        URI base = serve(ApiToken.of(TOKEN));

        HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/patients/p-1/history")));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(answer.body()).contains("Authorization: Bearer");
    }

    @Test
    void bearerTokenPassesAndAWrongOneDoesNot() throws Exception {
        ApiToken token = ApiToken.of(TOKEN);
        URI base = serve(token);

        assertThat(send(token.sign(HttpRequest.newBuilder(base.resolve("/patients/p-1/history")))).body()).isEqualTo("served");
        assertThat(send(ApiToken.of("s3cret-token_2").sign(HttpRequest.newBuilder(base.resolve("/patients/p-1/history"))))
                .statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(base.resolve("/patients/p-1/history")).header("Authorization", "Bearer "))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void browserTradesTheLinkForACookieAndTheAddressLosesTheToken() throws Exception {
        ApiToken token = ApiToken.of(TOKEN);
        URI base = serve(token);

        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(token.browserLink(base.resolve("/").toString()))));

        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(ApiToken.COOKIE + "=" + TOKEN + ";").contains("HttpOnly").contains("SameSite=Strict");
        HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve("/api/scores"))
                .header("Cookie", "other=1; " + cookie.substring(0, cookie.indexOf(';'))));
        assertThat(page.body()).isEqualTo("served");
        assertThat(send(HttpRequest.newBuilder(base.resolve("/?token=guess"))).statusCode()).isEqualTo(401);
    }

    @Test
    void probesStayOpen() throws Exception {
        URI base = serve(ApiToken.of(TOKEN));

        assertThat(send(HttpRequest.newBuilder(base.resolve("/healthz"))).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(base.resolve("/readyz"))).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenEverythingPasses() throws Exception {
        URI base = serve(ApiToken.of(" "));

        assertThat(ApiToken.of(null).required()).isFalse();
        assertThat(send(HttpRequest.newBuilder(base.resolve("/patients/p-1/history"))).body()).isEqualTo("served");
        assertThat(ApiToken.none().browserLink("http://h:1/")).isEqualTo("http://h:1/");
    }

    private URI serve(ApiToken token) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ApiTokenTest::served).getFilters().add(token);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void served(HttpExchange exchange) throws IOException {
        byte[] body = "served".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
