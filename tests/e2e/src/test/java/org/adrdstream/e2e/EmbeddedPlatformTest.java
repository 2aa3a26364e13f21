package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.adrdstream.embedded.EmbeddedPlatform;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.adrdstream.topics.TopicSpec;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded platform creates the DESIGN section 3 topics with their policies and resumes on restart. */
class EmbeddedPlatformTest {

    @Test
    void platformTopicsHaveTheirPartitionsAndCleanupPolicies(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPlatform platform = start(dataDir)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
                for (TopicSpec spec : platform.topics().all()) {
                    TopicDescription description = admin.describeTopics(List.of(spec.name())).allTopicNames()
                            .get(30, TimeUnit.SECONDS).get(spec.name());
                    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                    Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                            .get(resource);

                    assertThat(description.partitions()).as(spec.name()).hasSize(spec.partitions());
                    spec.configs().forEach((name, value) ->
                            assertThat(config.get(name).value()).as("%s %s", spec.name(), name).isEqualTo(value));
                }
            }
            assertThat(cleanupPolicy(platform, "patient.histories.v1")).isEqualTo("compact");
            assertThat(cleanupPolicy(platform, "models.control.v1")).isEqualTo("compact");
            assertThat(cleanupPolicy(platform, "_schemas")).isEqualTo("compact");
            assertThat(cleanupPolicy(platform, "clinical.events.v1")).isEqualTo("delete");
        }
    }

    private static String cleanupPolicy(EmbeddedPlatform platform, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get("cleanup.policy").value();
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsTopicsAndSchemaIds(@TempDir Path dataDir) {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}");
        int id;
        try (EmbeddedPlatform platform = start(dataDir)) {
            assertThat(platform.createdTopics()).hasSize(5);
            try (SchemaRegistryClient client = client(platform)) {
                id = client.register("r-value", schema);
            }
        }

        try (EmbeddedPlatform platform = start(dataDir)) {
            assertThat(platform.createdTopics()).as("nothing to create on resume").isEmpty();
            try (SchemaRegistryClient client = client(platform)) {
                assertThat(client.lookup("r-value", schema).id()).isEqualTo(id);
            }
        }
    }

    private static EmbeddedPlatform start(Path dataDir) {
        return EmbeddedPlatform.builder().dataDir(dataDir).kafkaPort(0).controllerPort(0).registryPort(0)
                .partitions(3).build().start();
    }

    private static SchemaRegistryClient client(EmbeddedPlatform platform) {
        return RestSchemaRegistryClient.create(Map.of("schema.registry.url", platform.schemaRegistryUrl()));
    }
}
