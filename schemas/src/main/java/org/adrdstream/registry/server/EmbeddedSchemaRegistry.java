package org.adrdstream.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.adrdstream.registry.CompatibilityLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks the Confluent Schema Registry REST API (the subset clients use; see
 * docs/schema-registry.md) and keeps its schemas in a compacted Kafka topic, so a restart serves the same
 * ids. For the embedded default and tests; production points the platform at any Confluent-compatible
 * registry instead.
 *
 * <p>Built with {@link #builder(String)}; {@link #close()} it in {@code finally}.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    /** Default name of the store topic, as in Confluent Schema Registry. */
    public static final String DEFAULT_STORE_TOPIC = "_schemas";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final Builder settings;
    private KafkaStoreLog storeLog;
    private HttpServer server;
    private ExecutorService executor;

    private EmbeddedSchemaRegistry(Builder settings) {
        this.settings = settings;
    }

    /** A builder for a registry that stores its schemas in the Kafka cluster at {@code bootstrapServers}. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Reads the store topic to its end, then starts serving. */
    public synchronized EmbeddedSchemaRegistry start() {
        if (server != null) {
            throw new IllegalStateException("registry already running at " + url());
        }
        storeLog = new KafkaStoreLog(settings.bootstrapServers, settings.kafkaSecurity, settings.storeTopic,
                settings.replicationFactor);
        try {
            SchemaStore store = new SchemaStore(storeLog, settings.defaultCompatibility);
            server = createServer();
            executor = Executors.newFixedThreadPool(settings.threads, namedDaemonThreads());
            server.setExecutor(executor);
            server.createContext("/", new RegistryHttpHandler(new RegistryApi(store).routes(), settings.users));
            server.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("schema registry listening on {} (store topic {})", url(), settings.storeTopic);
        return this;
    }

    /** The base URL clients set as {@code schema.registry.url}. */
    public String url() {
        String scheme = settings.tls == null ? "http" : "https";
        return scheme + "://" + settings.host + ":" + port();
    }

    /** The port actually bound (useful when the builder asked for 0). */
    public int port() {
        return server == null ? settings.port : server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            awaitTermination(executor);
            executor = null;
        }
        if (storeLog != null) {
            storeLog.close();
            storeLog = null;
        }
    }

    private HttpServer createServer() {
        InetSocketAddress address = new InetSocketAddress(settings.host, settings.port);
        try {
            if (settings.tls == null) {
                return HttpServer.create(address, 0);
            }
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(settings.tls));
            return https;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    private static java.util.concurrent.ThreadFactory namedDaemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings of an {@link EmbeddedSchemaRegistry}; all but the bootstrap servers are optional. */
    public static final class Builder {
        private final String bootstrapServers;
        private String host = "127.0.0.1";
        private int port;
        private String storeTopic = DEFAULT_STORE_TOPIC;
        private short replicationFactor = 1;
        private CompatibilityLevel defaultCompatibility = CompatibilityLevel.BACKWARD;
        private final Map<String, String> users = new HashMap<>();
        private SSLContext tls;
        private final Map<String, String> kafkaSecurity = new HashMap<>();
        private int threads = 4;

        private Builder(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }

        /** Interface to listen on. Default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to listen on; 0 (default) picks a free one, see {@link #port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Compacted topic holding the schemas. Default {@value #DEFAULT_STORE_TOPIC}. */
        public Builder storeTopic(String topic) {
            this.storeTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Replication factor used when the store topic has to be created. Default 1. */
        public Builder replicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** Global compatibility level until one is stored. Default BACKWARD, as in Confluent. */
        public Builder defaultCompatibility(CompatibilityLevel level) {
            this.defaultCompatibility = Objects.requireNonNull(level, "level");
            return this;
        }

        /** Requires HTTP basic auth; every request must name one of the users added. */
        public Builder user(String name, String password) {
            users.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** Serves https with this context instead of http. Null (default) means http. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /**
         * Kafka client security for the store topic's clients ({@code security.protocol}, {@code sasl.*},
         * {@code ssl.*}, as Kafka names them). Default none: plaintext.
         */
        public Builder kafkaSecurity(Map<String, String> settings) {
            kafkaSecurity.putAll(settings);
            return this;
        }

        /** Request threads. Default 4. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public EmbeddedSchemaRegistry build() {
            return new EmbeddedSchemaRegistry(this);
        }
    }
}
