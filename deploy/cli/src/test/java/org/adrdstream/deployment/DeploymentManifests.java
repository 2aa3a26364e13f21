package org.adrdstream.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The deployment files of deploy/compose and deploy/k8s, parsed, for the deployment tests. */
final class DeploymentManifests {

    static final Path ROOT = findRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE = ROOT.resolve("deploy/compose");
    private static final YAMLMapper YAML = new YAMLMapper();

    private DeploymentManifests() {
    }

    /** Every Kubernetes resource of deploy/k8s/*.yaml (not the overlays), with the file it came from. */
    static List<Resource> kubernetes() {
        List<Resource> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                resources.addAll(read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    static List<Resource> read(Path file) {
        List<Resource> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isEmpty()) {
                    resources.add(new Resource(file.getFileName().toString(), document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return resources;
    }

    static JsonNode compose() {
        try {
            return YAML.readTree(COMPOSE.resolve("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> json(Path file) {
        try {
            Map<String, String> config = new HashMap<>();
            new ObjectMapper().readTree(file.toFile()).fields().forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project version, from the root pom (the plugin directory's name carries it). */
    static String projectVersion() {
        try {
            String pom = Files.readString(ROOT.resolve("pom.xml"));
            int artifact = pom.indexOf("<artifactId>adrd-stream-parent</artifactId>");
            int start = pom.indexOf("<version>", artifact) + "<version>".length();
            return pom.substring(start, pom.indexOf("</version>", start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    static Map<String, String> labels(JsonNode map) {
        Map<String, String> labels = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            labels.put(entry.getKey(), entry.getValue().asText());
        }
        return labels;
    }

    static List<Resource> ofKind(List<Resource> resources, String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    /** The one resource of {@code kind}; fails unless there is exactly one. */
    static Resource single(List<Resource> resources, String kind) {
        List<Resource> found = ofKind(resources, kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found);
        }
        return found.get(0);
    }

    /** The resource of {@code kind} named {@code name} (for a KafkaTopic, also its topicName). */
    static Resource named(List<Resource> resources, String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && (r.name().equals(name)
                        || r.body().at("/spec/topicName").asText().equals(name))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /**
     * The Secrets pods may name, with their keys: those the manifests make, and those Strimzi makes (one per
     * KafkaUser, and the cluster CA certificate {@code <kafka>-cluster-ca-cert}).
     */
    static Map<String, Set<String>> secrets(List<Resource> resources) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Resource resource : resources) {
            switch (resource.kind()) {
                case "Secret" -> secrets.put(resource.name(), labels(resource.body().path("stringData")).keySet());
                case "KafkaUser" -> secrets.put(resource.name(), Set.of("password", "sasl.jaas.config"));
                case "Kafka" -> secrets.put(resource.name() + "-cluster-ca-cert",
                        Set.of("ca.crt", "ca.p12", "ca.password"));
                default -> { }
            }
        }
        return secrets;
    }

    /**
     * Every (Secret, key) a resource names: environment {@code secretKeyRef}s, secret volumes' items, KEDA's
     * {@code secretTargetRef}s, Strimzi's {@code passwordSecret} and {@code trustedCertificates}.
     */
    static List<Map.Entry<String, String>> secretReferences(Resource resource) {
        List<Map.Entry<String, String>> references = new ArrayList<>();
        JsonNode body = resource.body();
        body.findValues("secretKeyRef").forEach(r ->
                references.add(Map.entry(r.path("name").asText(), r.path("key").asText())));
        body.findValues("secretTargetRef").forEach(list -> list.forEach(r ->
                references.add(Map.entry(r.path("name").asText(), r.path("key").asText()))));
        body.findValues("secret").forEach(volume -> volume.path("items").forEach(item ->
                references.add(Map.entry(volume.path("secretName").asText(), item.path("key").asText()))));
        body.findValues("passwordSecret").forEach(r ->
                references.add(Map.entry(r.path("secretName").asText(), r.path("password").asText())));
        body.findValues("trustedCertificates").forEach(list -> list.forEach(r ->
                references.add(Map.entry(r.path("secretName").asText(), r.path("certificate").asText()))));
        return references;
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/k8s")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with deploy/k8s above " + Path.of("").toAbsolutePath());
    }

    /** One Kubernetes resource. */
    record Resource(String file, JsonNode body) {
        String kind() {
            return body.path("kind").asText();
        }

        String name() {
            return body.path("metadata").path("name").asText();
        }

        /** Labels of the pods it runs, or empty for kinds that run none. */
        Map<String, String> podLabels() {
            return switch (kind()) {
                case "Deployment", "StatefulSet" -> labels(body.at("/spec/template/metadata/labels"));
                case "KafkaConnect" -> labels(body.at("/spec/template/pod/metadata/labels"));
                default -> Map.of();
            };
        }

        List<JsonNode> containers() {
            List<JsonNode> containers = new ArrayList<>();
            body.at("/spec/template/spec/containers").forEach(containers::add);
            return containers;
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file + ")";
        }
    }
}
