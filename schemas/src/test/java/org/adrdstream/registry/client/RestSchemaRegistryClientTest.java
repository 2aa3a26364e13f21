package org.adrdstream.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.CompatibilityLevel;
import org.adrdstream.registry.RegisteredSchema;
import org.adrdstream.registry.RegistryErrorCode;
import org.adrdstream.registry.SchemaRegistryException;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against the real embedded registry: every API call, caching, retries, failover and auth. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RestSchemaRegistryClientTest {

    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Visit","namespace":"test","fields":[{"name":"patient","type":"string"}]}""");
    private static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Visit","namespace":"test","fields":[{"name":"patient","type":"string"},
             {"name":"ward","type":["null","string"],"default":null}]}""");
    private static final Schema INCOMPATIBLE = new Schema.Parser().parse("""
            {"type":"record","name":"Visit","namespace":"test","fields":[{"name":"patient","type":"long"}]}""");

    private EmbeddedKafkaBroker kafka;
    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void startRegistry(EmbeddedKafkaBroker kafka) {
        this.kafka = kafka;
        registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void coversTheRegistryApi() {
        try (SchemaRegistryClient client = client(Map.of())) {
            int id1 = client.register("visits-value", V1);
            int id2 = client.register("visits-value", V2);

            assertThat(client.schemaById(id1)).isEqualTo(V1);
            assertThat(client.lookup("visits-value", V1)).isEqualTo(
                    new RegisteredSchema("visits-value", 1, id1, "AVRO", V1.toString()));
            assertThat(client.latest("visits-value").id()).isEqualTo(id2);
            assertThat(client.version("visits-value", 2).schema()).isEqualTo(V2.toString());
            assertThat(client.versions("visits-value")).containsExactly(1, 2);
            assertThat(client.subjects()).containsExactly("visits-value");

            assertThat(client.testCompatibility("visits-value", null, V2).compatible()).isTrue();
            SchemaRegistryClient.CompatibilityResult refused = client.testCompatibility("visits-value", null, INCOMPATIBLE);
            assertThat(refused.compatible()).isFalse();
            assertThat(refused.messages()).anySatisfy(m -> assertThat(m).contains("TYPE_MISMATCH"));

            assertThat(client.compatibility("visits-value")).isEqualTo(CompatibilityLevel.BACKWARD);
            client.setCompatibility("visits-value", CompatibilityLevel.FULL);
            assertThat(client.compatibility("visits-value")).isEqualTo(CompatibilityLevel.FULL);

            assertThat(client.deleteSubject("visits-value")).containsExactly(1, 2);
            assertThat(client.subjects()).isEmpty();
        }
    }

    @Test
    void refusalsCarryTheRegistryErrorCode() {
        try (SchemaRegistryClient client = client(Map.of())) {
            client.register("visits-value", V1);

            assertThatThrownBy(() -> client.latest("nobody-value"))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(404);
                        assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.SUBJECT_NOT_FOUND);
                    });
            assertThatThrownBy(() -> client.register("visits-value", INCOMPATIBLE))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.INCOMPATIBLE_SCHEMA));
            assertThatThrownBy(() -> client.schemaById(4242))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.SCHEMA_NOT_FOUND));
        }
    }

    @Test
    void schemasByIdAreServedFromCacheOnceFetched() {
        try (SchemaRegistryClient client = client(Map.of())) {
            int id = client.register("visits-value", V1);
            client.schemaById(id);
            registry.close();

            assertThat(client.schemaById(id)).isEqualTo(V1);
            assertThat(client.register("visits-value", V1)).isEqualTo(id);
        }
    }

    @Test
    void retriesServerErrorsUntilTheRegistryAnswers() {
        try (FlakyProxy proxy = new FlakyProxy(registry.url(), 2);
             SchemaRegistryClient client = client(Map.of(
                     SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, proxy.url(),
                     SchemaRegistryClientConfig.MAX_RETRIES_CONFIG, "3",
                     SchemaRegistryClientConfig.RETRIES_WAIT_MS_CONFIG, "10"))) {

            assertThat(client.register("visits-value", V1)).isPositive();
            assertThat(proxy.requests()).isEqualTo(3);
        }
    }

    @Test
    void givesUpWithTheLastErrorWhenRetriesRunOut() {
        try (FlakyProxy proxy = new FlakyProxy(registry.url(), 5);
             SchemaRegistryClient client = client(Map.of(
                     SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, proxy.url(),
                     SchemaRegistryClientConfig.MAX_RETRIES_CONFIG, "1",
                     SchemaRegistryClientConfig.RETRIES_WAIT_MS_CONFIG, "10"))) {

            assertThatThrownBy(() -> client.subjects())
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(503);
                        assertThat(e.errorCode()).isEqualTo(50003);
                    });
            assertThat(proxy.requests()).isEqualTo(2);
        }
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsUnreachable() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (SchemaRegistryClient client = client(Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG,
                "http://127.0.0.1:" + deadPort + "," + registry.url(),
                SchemaRegistryClientConfig.RETRIES_WAIT_MS_CONFIG, "10"))) {

            assertThat(client.subjects()).isEmpty();
        }
    }

    @Test
    void sendsBasicAuthFromUserInfoOrFromTheUrl() {
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).user("feeds", "p@ss:word").build().start()) {
            String hostPort = secured.url().substring("http://".length());
            try (SchemaRegistryClient viaUserInfo = client(Map.of(
                    SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, secured.url(),
                    SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, "USER_INFO",
                    SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG, "feeds:p@ss:word"));
                 SchemaRegistryClient viaUrl = client(Map.of(
                    SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, "http://feeds:p%40ss%3Aword@" + hostPort));
                 SchemaRegistryClient anonymous = client(Map.of(
                    SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, secured.url()))) {

                assertThat(viaUserInfo.register("visits-value", V1)).isPositive();
                assertThat(viaUrl.versions("visits-value")).containsExactly(1);
                assertThatThrownBy(anonymous::subjects).isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401));
            }
        }
    }

    @Test
    void misconfigurationIsReportedWithTheSettingName() {
        assertThatThrownBy(() -> RestSchemaRegistryClient.create(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> RestSchemaRegistryClient.create(Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, "localhost:8081")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http://host:port");
    }

    private SchemaRegistryClient client(Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        props.putAll(overrides);
        return RestSchemaRegistryClient.create(props);
    }
}
