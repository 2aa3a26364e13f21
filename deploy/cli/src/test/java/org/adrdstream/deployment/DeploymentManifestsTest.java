package org.adrdstream.deployment;

import static org.adrdstream.deployment.DeploymentManifests.labels;
import static org.adrdstream.deployment.DeploymentManifests.named;
import static org.adrdstream.deployment.DeploymentManifests.ofKind;
import static org.adrdstream.deployment.DeploymentManifests.single;
import static org.adrdstream.deployment.DeploymentManifests.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.deployment.DeploymentManifests.Resource;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicSpec;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes and compose files refer to each other, to the command line and to the connectors by name;
 * a typo in any of them fails here rather than in a cluster: every {@code adrd} container's arguments parse
 * as the command line parses them, topics match the platform's, connector configs pass their connector's own
 * validation, and every Secret, Service, port, selector, volume claim and scale target named exists.
 */
class DeploymentManifestsTest {

    private static final Pattern HOST_PORT = Pattern.compile("^(?:https?://)?([a-z0-9-]+):(\\d+)/?$");
    private final List<Resource> k8s = DeploymentManifests.kubernetes();

    @Test
    void everyAdrdContainerRunsACommandLineThatParses() {
        List<List<String>> commands = new ArrayList<>();
        for (Resource resource : withPatches()) {
            for (JsonNode container : resource.containers()) {
                if (container.path("image").asText().startsWith("adrd-stream")) {
                    commands.add(texts(container.path("args")));
                }
            }
        }
        DeploymentManifests.compose().path("services").forEach(service -> {
            if (service.path("image").asText().startsWith("adrd-stream")) {
                commands.add(texts(service.path("command")));
            }
        });
        assertThat(commands).as("registry, streams (and its GPU variant), dashboard; compose: topics, registry, "
                + "streams, dashboard").hasSize(8);
        String release = DeploymentManifests.projectVersion().replace("-SNAPSHOT", "");
        List<String> images = new ArrayList<>();
        withPatches().forEach(r -> r.containers().forEach(c -> images.add(c.path("image").asText())));
        DeploymentManifests.compose().path("services").forEach(service -> images.add(service.path("image").asText()));
        assertThat(images.stream().filter(image -> image.startsWith("adrd-stream")))
                .as("the release the image build tags (deploy/cli pom, profile image)")
                .allSatisfy(image -> assertThat(image).endsWith(":" + release));
        for (List<String> args : commands) {
            assertThatCode(() -> AdrdCommand.commandLine(Map.of()).parseArgs(args.toArray(String[]::new)))
                    .as("adrd %s", String.join(" ", args)).doesNotThrowAnyException();
        }
    }

    @Test
    void topicsAreThePlatformTopicsWithTheirPolicies() {
        Map<String, JsonNode> topics = new HashMap<>();
        for (Resource topic : ofKind(k8s, "KafkaTopic")) {
            String name = topic.body().at("/spec/topicName").asText(topic.name());
            topics.put(name, topic.body().path("spec"));
            assertThat(topic.body().at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(kafkaName());
        }
        for (TopicSpec spec : PlatformTopics.defaults().all()) {
            assertThat(topics).as("KafkaTopic for %s", spec.name()).containsKey(spec.name());
            JsonNode config = topics.get(spec.name()).path("config");
            spec.configs().forEach((key, value) -> assertThat(config.path(key).asText()).as("%s %s", spec.name(), key)
                    .isEqualTo(value));
        }
        PlatformTopics platform = PlatformTopics.defaults();
        Set<Integer> perPatient = new HashSet<>();
        for (TopicSpec spec : List.of(platform.clinicalEvents(), platform.patientHistories(), platform.riskScores())) {
            perPatient.add(topics.get(spec.name()).path("partitions").asInt());
        }
        assertThat(perPatient).as("per-patient topics are co-partitioned").hasSize(1);
        assertThat(topics).containsKey("_schemas");
    }

    @Test
    void connectorConfigsPassTheirConnectorsValidation() throws Exception {
        String connect = single(k8s, "KafkaConnect").name();
        assertThat(single(k8s, "KafkaConnect").body().at("/spec/bootstrapServers").asText())
                .isEqualTo(kafkaName() + "-kafka-bootstrap:9093");
        List<Resource> connectors = ofKind(k8s, "KafkaConnector");
        assertThat(connectors).extracting(Resource::name).containsExactlyInAnyOrder("fhir-files", "hl7-mllp");
        for (Resource connector : connectors) {
            assertThat(connector.body().at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(connect);
            Map<String, String> config = labels(connector.body().at("/spec/config"));
            config.put("connector.class", connector.body().at("/spec/class").asText());
            assertValid(connector.toString(), config);
            assertThat(config.get("pseudonym.key")).as("the key comes from the environment, not the file")
                    .isEqualTo("${env:ADRD_PSEUDONYM_KEY}");
        }
        try (var files = Files.list(DeploymentManifests.COMPOSE.resolve("connectors"))) {
            for (Path file : files.toList()) {
                assertValid(file.toString(), DeploymentManifests.json(file));
            }
        }
    }

    private static void assertValid(String where, Map<String, String> config) throws Exception {
        SourceConnector connector = (SourceConnector) Class.forName(config.get("connector.class"))
                .getDeclaredConstructor().newInstance();
        Map<String, String> resolved = new HashMap<>(config);
        resolved.replaceAll((key, value) -> value.startsWith("${env:") ? "from-the-environment" : value);
        List<String> errors = connector.validate(resolved).configValues().stream()
                .flatMap((ConfigValue value) -> value.errorMessages().stream().map(m -> value.name() + ": " + m)).toList();
        assertThat(errors).as(where).isEmpty();
    }

    @Test
    void secretsClaimsServicesAndPortsThatAreNamedExist() {
        Map<String, Set<String>> secrets = DeploymentManifests.secrets(k8s);
        Set<String> claims = new HashSet<>();
        ofKind(k8s, "PersistentVolumeClaim").forEach(c -> claims.add(c.name()));
        for (Resource resource : k8s) {
            for (Map.Entry<String, String> ref : DeploymentManifests.secretReferences(resource)) {
                assertThat(secrets).as("Secret %s named in %s", ref.getKey(), resource).containsKey(ref.getKey());
                assertThat(secrets.get(ref.getKey())).as("keys of %s", ref.getKey()).contains(ref.getValue());
            }
        }
        for (JsonNode claim : k8s.stream().flatMap(r -> r.body().findValues("persistentVolumeClaim").stream()).toList()) {
            assertThat(claims).contains(claim.path("claimName").asText());
        }
        for (Resource service : ofKind(k8s, "Service")) {
            Map<String, String> selector = labels(service.body().at("/spec/selector"));
            List<Resource> pods = k8s.stream().filter(r -> !r.podLabels().isEmpty()
                    && r.podLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertThat(pods).as("pods behind %s", service).isNotEmpty();
            for (JsonNode port : service.body().at("/spec/ports")) {
                String target = port.path("targetPort").asText(port.path("port").asText());
                boolean served = target.matches("\\d+") ? pods.stream().anyMatch(p -> p.kind().equals("KafkaConnect")
                        || ports(p).containsValue(Integer.parseInt(target))) : pods.stream().anyMatch(p -> ports(p).containsKey(target));
                assertThat(served).as("%s targets port %s of its pods", service, target).isTrue();
            }
        }
        for (Resource set : ofKind(k8s, "StatefulSet")) {
            Resource governing = named(k8s, "Service", set.body().at("/spec/serviceName").asText());
            assertThat(governing.body().at("/spec/clusterIP").asText()).as("headless").isEqualTo("None");
        }
    }

    @Test
    void selectorsAndScaleTargetsMatchWhatRuns() {
        List<Map<String, String>> podLabels = k8s.stream().map(Resource::podLabels).filter(l -> !l.isEmpty()).toList();
        for (Resource selecting : k8s.stream().filter(r -> r.kind().equals("PodDisruptionBudget")
                || r.kind().equals("NetworkPolicy")).toList()) {
            for (JsonNode selector : selecting.body().findValues("podSelector")) {
                Map<String, String> wanted = labels(selector.path("matchLabels"));
                if (wanted.isEmpty() || wanted.keySet().stream().anyMatch(k -> k.startsWith("strimzi.io/"))) {
                    continue; // all pods, or pods Strimzi labels itself
                }
                assertThat(podLabels).as("%s selects %s", selecting, wanted)
                        .anyMatch(labels -> labels.entrySet().containsAll(wanted.entrySet()));
            }
        }
        Resource scaled = single(k8s, "ScaledObject");
        Resource target = named(k8s, scaled.body().at("/spec/scaleTargetRef/kind").asText(),
                scaled.body().at("/spec/scaleTargetRef/name").asText());
        JsonNode trigger = scaled.body().at("/spec/triggers/0/metadata");
        List<String> args = texts(target.containers().get(0).path("args"));
        assertThat(trigger.path("consumerGroup").asText()).as("the lag of the application it scales")
                .isEqualTo(args.get(args.indexOf("--application-id") + 1)).isEqualTo(StreamsAppConfig.DEFAULT_APPLICATION_ID);
        assertThat(trigger.path("topic").asText()).isEqualTo(PlatformTopics.defaults().clinicalEvents().name());
        int partitions = named(k8s, "KafkaTopic", trigger.path("topic").asText()).body().at("/spec/partitions").asInt();
        assertThat(scaled.body().at("/spec/maxReplicaCount").asInt()).as("no idle instances beyond the partitions")
                .isLessThanOrEqualTo(partitions);
    }

    @Test
    void everyHostAndPortInACommandIsAServiceThatListensThere() {
        Map<String, Set<Integer>> servicePorts = new HashMap<>();
        ofKind(k8s, "Service").forEach(s -> s.body().at("/spec/ports").forEach(p ->
                servicePorts.computeIfAbsent(s.name(), n -> new HashSet<>()).add(p.path("port").asInt())));
        Set<Integer> listeners = new HashSet<>(); // Strimzi's bootstrap Service serves the listeners' ports
        single(k8s, "Kafka").body().at("/spec/kafka/listeners").forEach(l -> listeners.add(l.path("port").asInt()));
        servicePorts.put(kafkaName() + "-kafka-bootstrap", listeners);
        for (Resource resource : withPatches()) {
            for (JsonNode container : resource.containers()) {
                for (String arg : texts(container.path("args"))) {
                    Matcher hostPort = HOST_PORT.matcher(arg);
                    if (hostPort.matches()) {
                        assertThat(servicePorts.getOrDefault(hostPort.group(1), Set.of())).as("%s in %s", arg, resource)
                                .contains(Integer.parseInt(hostPort.group(2)));
                    }
                }
            }
        }
    }

    @Test
    void theComposeFileIsConsistent() {
        JsonNode services = DeploymentManifests.compose().path("services");
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        services.fields().forEachRemaining(service -> {
            service.getValue().path("depends_on").fieldNames().forEachRemaining(dependency ->
                    assertThat(names).as("%s depends on %s", service.getKey(), dependency).contains(dependency));
            for (String arg : texts(service.getValue().path("command"))) {
                Matcher hostPort = HOST_PORT.matcher(arg);
                if (hostPort.matches()) {
                    assertThat(names).as("%s in %s", arg, service.getKey()).contains(hostPort.group(1));
                }
            }
            for (String volume : texts(service.getValue().path("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith(".")) {
                    Path path = DeploymentManifests.COMPOSE.resolve(source).normalize();
                    if (path.toString().contains("/target/")) {
                        assertThat(path.getFileName().toString()).as("the plugin directory the build makes")
                                .isEqualTo("adrd-connectors-" + DeploymentManifests.projectVersion() + "-plugin");
                    } else {
                        assertThat(path).as("%s mounts %s", service.getKey(), source).exists();
                    }
                }
            }
        });
        assertThat(names).contains("kafka", "registry", "connect", "streams", "dashboard");
    }

    @Test
    void theGpuOverlayPatchesWhatExists() {
        Path overlay = DeploymentManifests.K8S.resolve("gpu");
        for (String resource : texts(DeploymentManifests.read(overlay.resolve("kustomization.yaml")).get(0)
                .body().path("resources"))) {
            assertThat(overlay.resolve(resource).normalize()).exists();
        }
        Resource patch = DeploymentManifests.read(overlay.resolve("streams-on-gpu.yaml")).get(0);
        Resource base = named(k8s, patch.kind(), patch.name());
        assertThat(patch.containers()).extracting(c -> c.path("name").asText())
                .containsExactlyElementsOf(base.containers().stream().map(c -> c.path("name").asText()).toList());
        assertThat(texts(patch.containers().get(0).path("args"))).containsSequence("--device", "gpu");
        assertThat(patch.containers().get(0).at("/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
    }

    /** The base resources plus the GPU overlay's patched StatefulSet (whose arguments must parse too). */
    private List<Resource> withPatches() {
        List<Resource> all = new ArrayList<>(k8s);
        all.addAll(DeploymentManifests.read(DeploymentManifests.K8S.resolve("gpu/streams-on-gpu.yaml")));
        return all;
    }

    private static Map<String, Integer> ports(Resource pods) {
        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode container : pods.containers()) {
            container.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        }
        return ports;
    }

    private String kafkaName() {
        return single(k8s, "Kafka").name();
    }
}
