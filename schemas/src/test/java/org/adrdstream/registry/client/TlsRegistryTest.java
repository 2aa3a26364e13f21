package org.adrdstream.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.SchemaRegistryException;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The client reaches an https registry through the schema.registry.ssl.* trust settings. */
@ExtendWith(EmbeddedKafkaExtension.class)
class TlsRegistryTest {

    private static final String PASSWORD = "changeit";

    @Test
    void clientTrustingTheServerCertificateTalksHttps(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("registry.p12");
        Path truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
        Path certificate = dir.resolve("registry.crt");
        keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", PASSWORD);

        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).tls(serverContext(keystore)).build().start()) {
            assertThat(registry.url()).startsWith("https://");
            Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"T\",\"fields\":[]}");

            try (SchemaRegistryClient trusting = RestSchemaRegistryClient.create(Map.of(
                    SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url(),
                    SchemaRegistryClientConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString(),
                    SchemaRegistryClientConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, PASSWORD))) {
                assertThat(trusting.register("t-value", schema)).isPositive();
            }
            try (SchemaRegistryClient untrusting = RestSchemaRegistryClient.create(Map.of(
                    SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url(),
                    SchemaRegistryClientConfig.MAX_RETRIES_CONFIG, "0"))) {
                assertThatThrownBy(untrusting::subjects).isInstanceOf(SchemaRegistryException.class)
                        .hasMessageContaining("unreachable");
            }
        }
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }
}
