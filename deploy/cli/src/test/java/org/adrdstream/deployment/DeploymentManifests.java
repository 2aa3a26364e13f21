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
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The deployment files of deploy/compose and deploy/k8s, parsed, for {@link DeploymentManifestsTest}. */
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
