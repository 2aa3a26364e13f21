package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.Reader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.embedded.PlatformSecrets;
import org.adrdstream.embedded.broker.BrokerSecurity;
import org.adrdstream.embedded.broker.TlsStores;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.testkit.Consume;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code adrd demo --secure}, end to end: the broker takes SASL_SSL only, the registry https with basic auth,
 * the query API and dashboard a bearer token. The synthetic hospital's records go through the real
 * connectors, streams assembles and scores them, and the dashboard and {@code adrd consume} read the results,
 * all logged in; an anonymous client, a wrong password, an unauthenticated registry request and a dashboard
 * request without the token are turned away, and no generated password appears in anything the demo printed.
 */
class SecurePlatformTest {

    private static final Duration START = Duration.ofSeconds(120);

    @Test
    void securedDemoScoresWithCredentialsAndTurnsAwayEveryoneElse(@TempDir Path dataDir) throws Exception {
        Properties secrets;
        try (ChildJvm demo = ChildJvm.start(AdrdCommand.class.getName(), "demo", "--secure", "--data-dir",
                dataDir.toString(), "--kafka-port", "0", "--controller-port", "0", "--registry-port", "0",
                "--dashboard-port", "0", "--mllp-port", "0", "--patients", "12", "--rate", "400",
                "--status-interval-s", "1", "--publish-interval-ms", "500")) {
            DemoProcessTest.Endpoints endpoints = DemoProcessTest.Endpoints.await(demo);
            String link = demo.awaitLine(line -> line.startsWith("Open the dashboard: "), START)
                    .substring("Open the dashboard: ".length()).trim();
            Path security = dataDir.resolve("security");
            secrets = load(security.resolve("secrets.properties"));
            Map<String, Object> client = new HashMap<>(load(security.resolve(PlatformSecrets.CLIENT_CONFIG)).entrySet()
                    .stream().collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
            client.put("bootstrap.servers", endpoints.bootstrapServers());
            client.put("schema.registry.url", endpoints.registryUrl());
            assertThat(endpoints.registryUrl()).startsWith("https://");

            List<ConsumerRecord<String, RiskScore>> scores = readScores(client);
            assertThat(scores).as("scores made from records sent through the secured connectors").isNotEmpty();
            demo.awaitLine(line -> line.startsWith("status: events in ") && !line.startsWith("status: events in 0 "), START);
            assertThat(consumeWithClientConfig(endpoints, security.resolve(PlatformSecrets.CLIENT_CONFIG)))
                    .contains(scores.get(0).key());

            TlsStores tls = new TlsStores(security.resolve("tls/keystore.p12"), security.resolve("tls/truststore.p12"),
                    secrets.getProperty("store"));
            assertAnonymousAndWrongPasswordRefused(endpoints.bootstrapServers(), tls);
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(tls)).build();
            assertRegistryNeedsItsPassword(https, endpoints.registryUrl(), secrets.getProperty("registry"));
            assertDashboardNeedsItsToken(link);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.resolve(PlatformSecrets.CLIENT_CONFIG))))
                    .as("the client settings hold passwords: owner only").isEqualTo("rw-------");

            assertThat(demo.terminate(Duration.ofSeconds(60))).as("exit on SIGTERM").isIn(0, 143);
            for (String purpose : List.of("store", "broker", "platform", "registry")) {
                assertThat(demo.output()).as("the " + purpose + " password in what the demo printed")
                        .doesNotContain(secrets.getProperty(purpose));
            }
        }
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static List<ConsumerRecord<String, RiskScore>> readScores(Map<String, Object> client) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "secure-test-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        SpecificAvroDeserializer<RiskScore> values = new SpecificAvroDeserializer<>();
        values.configure(props, false);
        try (KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of("adrd.risk.v1"));
            return Consume.atLeast(consumer, 1, Duration.ofSeconds(180));
        }
    }

    private static String consumeWithClientConfig(DemoProcessTest.Endpoints endpoints, Path clientConfig) {
        StringWriter printed = new StringWriter();
        CommandLine consume = AdrdCommand.commandLine(Map.of());
        consume.setOut(new PrintWriter(printed, true));
        int exit = consume.execute("consume", "adrd.risk.v1", "--from-beginning", "--max", "1",
                "--bootstrap-servers", endpoints.bootstrapServers(), "--schema-registry-url", endpoints.registryUrl(),
                "--client-config", clientConfig.toString());
        assertThat(exit).as("adrd consume with the platform's client settings").isZero();
        return printed.toString();
    }

    private static void assertAnonymousAndWrongPasswordRefused(String bootstrapServers, TlsStores tls) {
        Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        assertThatThrownBy(() -> listTopics(anonymous)).as("a plaintext client without credentials")
                .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);

        Map<String, Object> wrongPassword = new HashMap<>(anonymous);
        wrongPassword.putAll(BrokerSecurity.clientProperties(tls, PlatformSecrets.PLATFORM_USER, "guessed-password"));
        assertThatThrownBy(() -> listTopics(wrongPassword)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    private static void listTopics(Map<String, Object> props) throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertRegistryNeedsItsPassword(HttpClient https, String registryUrl, String password)
            throws Exception {
        URI subjects = URI.create(registryUrl + "/subjects");
        String user = PlatformSecrets.PLATFORM_USER;

        assertThat(get(https, subjects, null).statusCode()).as("no credentials").isEqualTo(401);
        assertThat(get(https, subjects, user + ":guessed").statusCode()).as("wrong password").isEqualTo(401);
        HttpResponse<String> allowed = get(https, subjects, user + ":" + password);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("adrd.risk.v1-value");
        URI plainHttp = URI.create(registryUrl.replace("https://", "http://") + "/subjects");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plainHttp)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .as("plain http to the https registry").isInstanceOf(java.io.IOException.class);
    }

    private static void assertDashboardNeedsItsToken(String link) throws Exception {
        assertThat(link).as("the demo prints the dashboard's link with its token").contains("?token=");
        URI base = URI.create(link.substring(0, link.indexOf('?')));
        HttpClient http = HttpClient.newHttpClient();

        assertThat(get(http, base.resolve("/api/health"), null).statusCode()).as("no token").isEqualTo(401);
        assertThat(get(http, base.resolve("/healthz"), null).statusCode()).as("probes stay open").isEqualTo(200);
        HttpResponse<String> login = get(http, URI.create(link), null);
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/api/health"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("the page's requests, with the cookie").isEqualTo(200);
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String userInfo) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (userInfo != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(TlsStores tls) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.truststore())) {
            trust.load(in, tls.password().toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
