package org.adrdstream.embedded.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker with SASL_SSL only: users with their password get in, everyone else is turned away. */
class SecuredBrokerTest {

    private static final String PASSWORD = "platform-secret-1";

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static BrokerSecurity security;

    @BeforeAll
    static void startSecuredBroker() {
        TlsStores tls = TlsStores.selfSigned(dir.resolve("tls"), "127.0.0.1", "store-secret-1");
        security = new BrokerSecurity(tls, Map.of("broker", "broker-secret-1", "adrd", PASSWORD), "broker");
        broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).security(security).build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void userWithPasswordWritesAndReadsTransactionsOverTls() throws Exception {
        Map<String, Object> producerProps = client(security.clientProperties("adrd"));
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "secured-tx");
        // Commit markers travel broker to broker over the SASL_SSL listener: the broker's own login is exercised too.
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("secured", "p-1", "committed"));
            producer.commitTransaction();
        }

        assertThat(readCommitted(security.clientProperties("adrd"), "secured")).containsExactly("committed");
        assertThat(broker.listenerProtocol()).isEqualTo("SASL_SSL");
    }

    @Test
    void wrongPasswordIsRefusedByTheBroker() {
        Map<String, Object> props = client(BrokerSecurity.clientProperties(security.tls(), "adrd", "not-the-password"));

        assertThatThrownBy(() -> listTopics(props)).hasRootCauseInstanceOf(SaslAuthenticationException.class)
                .rootCause().hasMessageContaining("invalid credentials");
    }

    @Test
    void unknownUserIsRefusedByTheBroker() {
        Map<String, Object> props = client(BrokerSecurity.clientProperties(security.tls(), "intruder", PASSWORD));

        assertThatThrownBy(() -> listTopics(props)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void anonymousPlaintextClientGetsNothing() {
        Map<String, Object> props = client(Map.of());

        assertThatThrownBy(() -> listTopics(props)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    }

    @Test
    void tlsWithoutLoginGetsNothing() {
        Map<String, Object> props = client(security.clientProperties("adrd"));
        props.remove("sasl.jaas.config");
        props.remove("sasl.mechanism");
        props.put("security.protocol", "SSL");

        assertThatThrownBy(() -> listTopics(props)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void controllerListenerRefusesClientsWithoutTheCertificate() {
        Map<String, Object> props = client(security.clientProperties("adrd"));
        props.remove(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        props.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, "127.0.0.1:" + broker.controllerPort());
        props.remove("sasl.jaas.config");
        props.remove("sasl.mechanism");
        props.put("security.protocol", "SSL");

        assertThatThrownBy(() -> {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
            }
        }).isInstanceOf(ExecutionException.class);
    }

    @Test
    void securedDataDirectoryCannotBeStartedWithoutSecurity() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was created with SASL_SSL");
    }

    @Test
    void storePasswordsDoNotStayInTheDataDirectory() throws Exception {
        try (var files = Files.walk(dir.resolve("kafka"))) {
            List<Path> withPassword = files.filter(Files::isRegularFile).filter(f -> contains(f, "store-secret-1")).toList();
            assertThat(withPassword).as("files holding the store password").isEmpty();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> client(Map<String, Object> security) {
        Map<String, Object> props = new HashMap<>(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        return props;
    }

    private static void listTopics(Map<String, Object> props) throws Exception {
        try (Admin admin = Admin.create(props)) {
            admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readCommitted(Map<String, Object> security, String topic) {
        Map<String, Object> props = client(security);
        props.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
