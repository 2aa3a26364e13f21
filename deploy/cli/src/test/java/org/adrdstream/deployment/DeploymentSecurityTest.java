package org.adrdstream.deployment;

import static org.adrdstream.deployment.DeploymentManifests.labels;
import static org.adrdstream.deployment.DeploymentManifests.named;
import static org.adrdstream.deployment.DeploymentManifests.ofKind;
import static org.adrdstream.deployment.DeploymentManifests.single;
import static org.adrdstream.deployment.DeploymentManifests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.deployment.DeploymentManifests.Resource;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.topics.PlatformTopics;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests let no one into Kafka without a login and give each login only what its component
 * does: no listener without TLS and SCRAM, ACLs enforced, every {@code adrd} container, the Connect cluster and
 * KEDA log in as a KafkaUser whose ACLs cover the topics, groups and transactional ids that component uses
 * (derived from the platform's own names, so a renamed topic fails here), with the password from the user's
 * Secret and the client file and CA certificate mounted where the file says.
 */
class DeploymentSecurityTest {

    private static final String CLIENT_CONFIG = "adrd-client-config";
    private final List<Resource> k8s = DeploymentManifests.kubernetes();
    private final PlatformTopics topics = PlatformTopics.defaults();
    private final String application = StreamsAppConfig.DEFAULT_APPLICATION_ID;

    /** One permission a component needs. */
    private record Need(String type, String name, String operation) {
    }

    @Test
    void kafkaTakesOnlyTlsWithScramAndEnforcesAcls() {
        JsonNode kafka = single(k8s, "Kafka").body().at("/spec/kafka");
        assertThat(kafka.path("listeners")).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as("listener %s on TLS", listener.path("name")).isTrue();
            assertThat(listener.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
        });
        assertThat(kafka.at("/authorization/type").asText()).isEqualTo("simple");
        assertThat(ofKind(k8s, "KafkaUser")).allSatisfy(user ->
                assertThat(user.body().at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512"));
        Properties client = clientProperties();
        assertThat(client).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "${env:ADRD_KAFKA_JAAS}").containsEntry("ssl.truststore.type", "PEM");
    }

    @Test
    void everyAdrdContainerLogsInAsAUserAllowedWhatItDoes() {
        List<String> checked = new ArrayList<>();
        for (Resource resource : k8s) {
            for (JsonNode container : resource.containers()) {
                List<String> args = texts(container.path("args"));
                if (!args.contains("--bootstrap-servers")) {
                    continue;
                }
                assertThat(args).as("%s logs in to Kafka", resource).contains("--client-config");
                Path file = Path.of(args.get(args.indexOf("--client-config") + 1));
                assertThat(mountedVolume(resource, container, file.getParent()).at("/configMap/name").asText())
                        .as("%s mounted from the ConfigMap", file).isEqualTo(CLIENT_CONFIG);
                assertThat(single(k8s, "ConfigMap").body().path("data").has(file.getFileName().toString())).isTrue();
                Path ca = Path.of(clientProperties().getProperty("ssl.truststore.location"));
                assertThat(mountedVolume(resource, container, ca.getParent()).at("/secret/secretName").asText())
                        .isEqualTo(single(k8s, "Kafka").name() + "-cluster-ca-cert");
                String user = jaasUser(container);
                assertAllowed(user, needs(args.get(0)), resource.toString());
                checked.add(args.get(0) + " as " + user);
            }
        }
        assertThat(checked).containsExactlyInAnyOrder("registry as adrd-registry", "streams as adrd-streams",
                "dashboard as adrd-dashboard");
        Resource gpu = DeploymentManifests.read(DeploymentManifests.K8S.resolve("gpu/streams-on-gpu.yaml")).get(0);
        List<String> gpuArgs = texts(gpu.containers().get(0).path("args"));
        assertThat(gpuArgs).as("the GPU overlay replaces the arguments: it must keep the login")
                .containsSequence("--client-config", "/etc/adrd/client/client.properties");
    }

    @Test
    void connectLogsInAsAUserAllowedToWriteWhereItsConnectorsWrite() {
        JsonNode connect = single(k8s, "KafkaConnect").body().path("spec");
        assertThat(connect.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
        String user = connect.at("/authentication/username").asText();
        assertThat(connect.at("/authentication/passwordSecret/secretName").asText()).as("the user's own Secret")
                .isEqualTo(user);
        assertThat(connect.at("/tls/trustedCertificates/0/secretName").asText())
                .isEqualTo(single(k8s, "Kafka").name() + "-cluster-ca-cert");
        List<Need> needs = new ArrayList<>();
        for (String storage : List.of("config.storage.topic", "offset.storage.topic", "status.storage.topic")) {
            needs.add(new Need("topic", connect.path("config").path(storage).asText(), "All"));
        }
        String group = connect.at("/config/group.id").asText();
        needs.add(new Need("group", group, "Read"));
        boolean exactlyOnce = connect.at("/config/exactly.once.source.support").asText().equals("enabled");
        if (exactlyOnce) { // KIP-618: the leader writes configs in transactions and fences the tasks' producers
            needs.add(new Need("transactionalId", "connect-cluster-" + group, "Write"));
        }
        for (Resource connector : ofKind(k8s, "KafkaConnector")) {
            Map<String, String> config = labels(connector.body().at("/spec/config"));
            needs.add(new Need("topic", config.get("events.topic"), "Write"));
            needs.add(new Need("topic", config.get("dead.letter.topic"), "Write"));
            if (exactlyOnce) {
                needs.add(new Need("transactionalId", group + "-" + connector.name() + "-0", "Write"));
                needs.add(new Need("transactionalId", group + "-" + connector.name() + "-0", "Describe"));
            }
        }
        assertAllowed(user, needs, "KafkaConnect");
    }

    @Test
    void kedaReadsTheLagItScalesOnWithItsOwnLogin() {
        JsonNode trigger = single(k8s, "ScaledObject").body().at("/spec/triggers/0");
        Resource authentication = named(k8s, "TriggerAuthentication", trigger.at("/authenticationRef/name").asText());
        Map<String, String> parameters = new HashMap<>();
        Map<String, Resource> secrets = new HashMap<>();
        ofKind(k8s, "Secret").forEach(s -> secrets.put(s.name(), s));
        authentication.body().at("/spec/secretTargetRef").forEach(ref -> {
            Resource secret = secrets.get(ref.path("name").asText());
            String name = ref.path("name").asText();
            parameters.put(ref.path("parameter").asText(), secret == null ? "(made by Strimzi: " + name + ")"
                    : secret.body().at("/stringData/" + ref.path("key").asText()).asText());
        });
        assertThat(parameters).containsEntry("sasl", "scram_sha512").containsEntry("tls", "enable").containsKey("ca");
        String user = parameters.get("username");
        assertThat(parameters.get("password")).isEqualTo("(made by Strimzi: " + user + ")");
        assertAllowed(user, List.of(new Need("group", trigger.at("/metadata/consumerGroup").asText(), "Describe"),
                new Need("topic", trigger.at("/metadata/topic").asText(), "Describe")), "KEDA");
    }

    /** What each command does on Kafka, from the platform's names. */
    private List<Need> needs(String command) {
        String histories = topics.patientHistories().name();
        return switch (command) {
            case "streams" -> List.of(new Need("topic", topics.clinicalEvents().name(), "Read"),
                    new Need("topic", histories, "Read"), new Need("topic", histories, "Write"),
                    new Need("topic", topics.riskScores().name(), "Write"),
                    new Need("topic", topics.deadLetters().name(), "Write"),
                    new Need("topic", topics.modelControl().name(), "Read"),
                    new Need("topic", application + "-history-events-changelog", "Create"),
                    new Need("topic", application + "-history-events-changelog", "Write"),
                    new Need("group", application, "Read"),
                    new Need("transactionalId", application + "-0c9e-1", "Write"));
            case "registry" -> List.of(new Need("topic", EmbeddedSchemaRegistry.DEFAULT_STORE_TOPIC, "Read"),
                    new Need("topic", EmbeddedSchemaRegistry.DEFAULT_STORE_TOPIC, "Write"));
            case "dashboard" -> List.of(new Need("topic", topics.clinicalEvents().name(), "Read"),
                    new Need("topic", histories, "Read"), new Need("topic", topics.riskScores().name(), "Read"),
                    new Need("topic", topics.deadLetters().name(), "Read"), new Need("group", application, "Describe"));
            default -> throw new AssertionError("no needs known for adrd " + command);
        };
    }

    private void assertAllowed(String user, List<Need> needs, String who) {
        JsonNode acls = named(k8s, "KafkaUser", user).body().at("/spec/authorization/acls");
        for (Need need : needs) {
            boolean allowed = false;
            for (JsonNode acl : acls) {
                JsonNode resource = acl.path("resource");
                boolean matches = resource.path("type").asText().equals(need.type())
                        && (resource.path("patternType").asText().equals("prefix")
                        ? need.name().startsWith(resource.path("name").asText())
                        : need.name().equals(resource.path("name").asText()));
                List<String> operations = texts(acl.path("operations"));
                allowed |= matches && (operations.contains(need.operation()) || operations.contains("All"));
            }
            assertThat(allowed).as("%s (user %s) may %s", who, user, need).isTrue();
        }
    }

    private static String jaasUser(JsonNode container) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals("ADRD_KAFKA_JAAS")) {
                assertThat(env.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("sasl.jaas.config");
                return env.at("/valueFrom/secretKeyRef/name").asText();
            }
        }
        throw new AssertionError("no ADRD_KAFKA_JAAS in " + container.path("name"));
    }

    /** The pod volume mounted at {@code directory} in {@code container}. */
    private static JsonNode mountedVolume(Resource resource, JsonNode container, Path directory) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (Path.of(mount.path("mountPath").asText()).equals(directory)) {
                for (JsonNode volume : resource.body().at("/spec/template/spec/volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        return volume;
                    }
                }
            }
        }
        throw new AssertionError(resource + ": nothing mounted at " + directory);
    }

    private Properties clientProperties() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(
                    named(k8s, "ConfigMap", CLIENT_CONFIG).body().at("/data/client.properties").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
