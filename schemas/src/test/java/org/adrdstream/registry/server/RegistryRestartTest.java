package org.adrdstream.registry.server;

import static org.adrdstream.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The registry keeps its state in the store topic: a new registry on the same topic serves the same ids. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RegistryRestartTest {

    @Test
    void restartedRegistryServesTheSameIdsVersionsAndLevels(EmbeddedKafkaBroker kafka) {
        String topic = TestTopics.unique("_schemas");
        int visitsV1;
        int visitsV2;
        int otherId;
        try (EmbeddedSchemaRegistry first = start(kafka, topic)) {
            RegistryHttp http = new RegistryHttp(first.url());
            visitsV1 = http.post("/subjects/visits-value/versions", schemaBody(TestSchemas.V1)).json().get("id").asInt();
            visitsV2 = http.post("/subjects/visits-value/versions", schemaBody(TestSchemas.V2_WITH_DEFAULT))
                    .json().get("id").asInt();
            http.put("/config/visits-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}");
            http.put("/config", "{\"compatibility\":\"FORWARD\"}");
            otherId = http.post("/subjects/gone-value/versions", schemaBody(TestSchemas.V2_TYPE_CHANGE))
                    .json().get("id").asInt();
            http.delete("/subjects/gone-value");
        }

        try (EmbeddedSchemaRegistry second = start(kafka, topic)) {
            RegistryHttp http = new RegistryHttp(second.url());
            JsonNode latest = http.get("/subjects/visits-value/versions/latest").json();

            assertThat(http.get("/subjects/visits-value/versions").body()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/visits-value/versions/1").json().get("id").asInt()).isEqualTo(visitsV1);
            assertThat(latest.get("id").asInt()).isEqualTo(visitsV2);
            assertThat(http.get("/schemas/ids/" + otherId).status()).isEqualTo(200);
            assertThat(http.get("/subjects").body()).isEqualTo("[\"visits-value\"]");
            assertThat(http.get("/config/visits-value").json().get("compatibilityLevel").asText())
                    .isEqualTo("FULL_TRANSITIVE");
            assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FORWARD");

            int next = http.post("/subjects/new-value/versions", schemaBody(
                    "{\"type\":\"record\",\"name\":\"Fresh\",\"fields\":[]}")).json().get("id").asInt();
            assertThat(next).as("ids are never reused").isGreaterThan(Math.max(otherId, visitsV2));
        }
    }

    private static EmbeddedSchemaRegistry start(EmbeddedKafkaBroker kafka, String topic) {
        return EmbeddedSchemaRegistry.builder(kafka.bootstrapServers()).storeTopic(topic).build().start();
    }
}
