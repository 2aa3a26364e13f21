package org.adrdstream.registry.server;

import static org.adrdstream.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
            http.delete("/subjects/gone-value?permanent=true");
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
            assertThat(next).as("ids are never reused, not even a permanently deleted one")
                    .isGreaterThan(Math.max(otherId, visitsV2));
            assertThat(http.get("/subjects?deleted=true").body()).isEqualTo("[\"new-value\",\"visits-value\"]");
        }
    }

    @Test
    void storeTopicWithADeletePolicyIsRefused(EmbeddedKafkaBroker kafka) throws Exception {
        String topic = TestTopics.unique("_schemas");
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> start(kafka, topic)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cleanup.policy=delete").hasMessageContaining("needs cleanup.policy=compact");
    }

    private static EmbeddedSchemaRegistry start(EmbeddedKafkaBroker kafka, String topic) {
        return EmbeddedSchemaRegistry.builder(kafka.bootstrapServers()).storeTopic(topic).build().start();
    }
}
