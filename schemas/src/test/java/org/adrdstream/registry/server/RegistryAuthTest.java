package org.adrdstream.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With users configured, every request needs HTTP basic auth. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RegistryAuthTest {

    @Test
    void requestsWithoutValidCredentialsAreRefusedWith401(EmbeddedKafkaBroker kafka) throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).user("feeds", "s3cret").build().start()) {
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> anonymous = http.send(get(registry, null), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = http.send(get(registry, "feeds:guess"), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> right = http.send(get(registry, "feeds:s3cret"), HttpResponse.BodyHandlers.ofString());

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"error_code\":401");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Basic"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).isEqualTo("[]");
        }
    }

    private static HttpRequest get(EmbeddedSchemaRegistry registry, String userInfo) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"));
        if (userInfo != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        return request.build();
    }
}
