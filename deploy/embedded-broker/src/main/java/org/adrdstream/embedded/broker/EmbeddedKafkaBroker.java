package org.adrdstream.embedded.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) started in this JVM from
 * Kafka's own production classes: the storage is formatted as {@code kafka-storage.sh format --standalone}
 * would, then {@link KafkaRaftServer} runs it.
 *
 * <p>Restarting on a data directory that holds an earlier run keeps its topics and records, and reuses the
 * ports that run chose unless the builder names others (the controller's own address is part of the
 * formatted voter set). Use {@link #builder()}; close the broker in {@code finally}: a running broker keeps
 * the JVM alive.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** File in the data directory that remembers the cluster id and ports across restarts. */
    static final String STATE_FILE = "adrd-broker.properties";
    private static final String LOG_DIR = "kraft-log";

    private final BrokerSettings settings;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Returns a builder with the embedded defaults: loopback host, free ports, a temporary data directory. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the data directory when it is new, starts the broker and waits until it answers clients.
     *
     * @throws IllegalStateException if the broker is already running or does not become ready in time
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("broker already running at " + bootstrapServers());
        }
        Properties props = settings.brokerProperties(logDir());
        formatIfNew(props);
        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            server.startup();
            awaitReady(settings.startTimeout());
        } catch (RuntimeException e) {
            // A half-started server keeps non-daemon threads (and ports) alive: take it down before reporting.
            close();
            throw e;
        }
        log.info("Kafka broker (KRaft, cluster {}) listening on {}, data in {}",
                settings.clusterId(), bootstrapServers(), settings.dataDir());
        return this;
    }

    /** The address clients use, {@code host:port}. */
    public String bootstrapServers() {
        return settings.host() + ":" + settings.brokerPort();
    }

    /** Security protocol of the client listener: {@code PLAINTEXT}, or {@code SASL_SSL} when secured. */
    public String listenerProtocol() {
        return settings.listenerProtocol();
    }

    /** Port of the client listener. */
    public int brokerPort() {
        return settings.brokerPort();
    }

    /** Port of the KRaft controller listener. */
    public int controllerPort() {
        return settings.controllerPort();
    }

    /** The KRaft cluster id the storage was formatted with. */
    public String clusterId() {
        return settings.clusterId();
    }

    /** Directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return settings.dataDir();
    }

    /** Whether {@link #start()} has run and {@link #close()} has not. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Minimal client properties for this broker; callers add their own serializers and group ids. On a
     * secured broker they log in as the broker's own (administrative) user.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        BrokerSecurity security = settings.security();
        if (security != null) {
            props.putAll(security.clientProperties(security.brokerUser()));
        }
        return props;
    }

    /**
     * Stops the broker and waits for it to shut down. A data directory the builder was given stays (start
     * again to resume); one the builder created as temporary is deleted.
     */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
            log.info("Kafka broker on {} stopped", bootstrapServers());
        }
        if (settings.temporary()) {
            deleteDataDir();
        }
    }

    /** Stops the broker and deletes its data directory, temporary or not. */
    public synchronized void closeAndDelete() {
        close();
        deleteDataDir();
    }

    private void deleteDataDir() {
        try {
            Utils.delete(settings.dataDir().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete broker data dir " + settings.dataDir(), e);
        }
    }

    private Path logDir() {
        return settings.dataDir().resolve(LOG_DIR);
    }

    private void formatIfNew(Properties props) {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir());
            // Holds the listeners' store passwords when secured: written for the format, removed after it.
            Path config = settings.dataDir().resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "written by adrd-stream to format KRaft storage");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of("format", "-t", settings.clusterId(), "-c", config.toString(),
                    "--standalone"));
            if (settings.security() != null) {
                args.addAll(settings.security().formatArguments());
            }
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                StorageTool.execute(args.toArray(String[]::new), out);
            }
            Files.deleteIfExists(config);
            log.debug("formatted KRaft storage: {}", output.toString(StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("could not format KRaft storage in " + logDir(), e);
        } catch (Exception e) {
            throw new IllegalStateException("could not format KRaft storage in " + logDir() + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> props = clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    // A node that reports itself as controller and broker can take topic requests.
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    admin.listTopics().names().get(2, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker on " + bootstrapServers()
                                + " not ready after " + timeout.toSeconds() + " s", e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
            }
        }
    }

    /** Builds an {@link EmbeddedKafkaBroker}; every setting is optional. */
    public static final class Builder {
        private Path dataDir;
        private String host = "127.0.0.1";
        private int brokerPort;
        private int controllerPort;
        private Duration startTimeout = Duration.ofSeconds(60);
        private BrokerSecurity security;
        private final Map<String, String> overrides = new HashMap<>();

        private Builder() {
        }

        /** Data directory; kept across restarts. Default: a new temporary directory, deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Host to bind and advertise. Default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Client listener port; 0 (default) reuses the data directory's earlier port or picks a free one. */
        public Builder brokerPort(int port) {
            this.brokerPort = requirePort(port);
            return this;
        }

        /** Controller listener port; 0 (default) reuses the earlier port or picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = requirePort(port);
            return this;
        }

        /** How long {@link #start()} waits for the broker to answer. Default 60 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Secures the broker: SASL_SSL with SCRAM on the client listener, mutual TLS for the controller. */
        public Builder security(BrokerSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Sets any broker property, overriding the embedded defaults (see {@link BrokerSettings}). */
        public Builder brokerProperty(String name, String value) {
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Resolves ports and cluster id (from the data directory's earlier run where there is one). */
        public EmbeddedKafkaBroker build() {
            Path dir = dataDir;
            boolean temporary = dir == null;
            try {
                if (temporary) {
                    dir = Files.createTempDirectory("adrd-kafka-");
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create broker data dir " + dir, e);
            }
            BrokerSettings settings = BrokerSettings.resolve(dir, temporary, host, brokerPort, controllerPort,
                    startTimeout, security, overrides);
            return new EmbeddedKafkaBroker(settings);
        }

        private static int requirePort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            return port;
        }
    }
}
