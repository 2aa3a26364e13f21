package org.adrdstream.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.adrdstream.clientconfig.ClientSecurity;
import org.adrdstream.dashboard.Dashboard;
import org.adrdstream.dashboard.DashboardConfig;
import org.adrdstream.dashboard.patient.LocalHistories;
import org.adrdstream.demo.FeedSettings;
import org.adrdstream.demo.SyntheticHospitalFeed;
import org.adrdstream.embedded.broker.BrokerSecurity;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.query.ApiToken;
import org.adrdstream.streams.serving.ModelService;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.adrdstream.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole platform in one process on one data directory: a KRaft broker, the schema registry (storing
 * into that broker), the platform topics, the streams application (history assembly and scoring) and, when
 * asked for, a Kafka Connect worker with the FHIR and HL7 (MLLP) connectors, the dashboard, and the
 * synthetic hospital feed that sends a generated cohort through those connectors.
 *
 * <p>Built with {@link #builder()}; {@link #start()} brings the parts up in dependency order and
 * {@link #close()} stops them in reverse, the feed first and the broker last, so nothing accepted is lost.
 * Restarting on the same data directory resumes: topics, records, schema ids, connector offsets, stores
 * and the feed's position survive.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private final Builder settings;
    private EmbeddedKafkaBroker broker;
    private EmbeddedSchemaRegistry registry;
    private StreamsApp streams;
    private EmbeddedConnect connect;
    private Dashboard dashboard;
    private SyntheticHospitalFeed feed;
    private PlatformSecrets secrets;
    private ApiToken apiToken = ApiToken.none();
    private List<String> createdTopics = List.of();

    private EmbeddedPlatform(Builder settings) {
        this.settings = settings;
    }

    /** A builder with the embedded defaults (./adrd-data, ports 9092, 9093 and 8081). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker, then the registry, creates any missing platform topics, then starts the streams
     * application.
     *
     * @throws RuntimeException from the part that failed; the parts already started are stopped again
     */
    public synchronized EmbeddedPlatform start() {
        try {
            secrets = settings.secure
                    ? PlatformSecrets.loadOrCreate(settings.dataDir.resolve("security"), settings.host) : null;
            Map<String, String> security = secrets == null ? Map.of() : secrets.clientSettings();
            broker = startBroker();
            registry = startRegistry(security);
            try (Admin admin = Admin.create(clientProperties())) {
                createdTopics = TopicProvisioner.ensure(admin, topics().all(), (short) 1);
            }
            StreamsAppConfig streamsConfig = settings.streams.configure(broker.bootstrapServers(), registry.url(),
                    settings.topicPrefix + StreamsAppConfig.DEFAULT_APPLICATION_ID, settings.dataDir.resolve("streams"),
                    topics(), (short) 1).withOverrides(security);
            if (secrets != null && streamsConfig.apiToken() == null) {
                streamsConfig = streamsConfig.withApiToken(secrets.apiToken());
            }
            apiToken = ApiToken.of(streamsConfig.apiToken());
            streams = new StreamsApp(streamsConfig).start(Duration.ofMinutes(2));
            if (settings.connectors != null) {
                connect = DemoConnectors.start(broker.bootstrapServers(), registry.url(), security, topics(),
                        settings.dataDir, settings.connectors);
            }
            if (settings.dashboardPort >= 0) {
                dashboard = Dashboard.start(dashboardConfig(streamsConfig));
            }
            if (settings.feed != null) {
                feed = new SyntheticHospitalFeed(settings.feed).start();
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private EmbeddedKafkaBroker startBroker() {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().dataDir(settings.dataDir.resolve("kafka"))
                .host(settings.host).brokerPort(settings.kafkaPort).controllerPort(settings.controllerPort);
        if (secrets != null) {
            builder.security(secrets.brokerSecurity());
        }
        return builder.build().start();
    }

    private EmbeddedSchemaRegistry startRegistry(Map<String, String> security) {
        EmbeddedSchemaRegistry.Builder builder = EmbeddedSchemaRegistry.builder(broker.bootstrapServers())
                .host(settings.host).port(settings.registryPort)
                .storeTopic(settings.topicPrefix + EmbeddedSchemaRegistry.DEFAULT_STORE_TOPIC)
                .kafkaSecurity(ClientSecurity.kafka(security));
        if (secrets != null) {
            builder.tls(secrets.tls().serverContext()).user(PlatformSecrets.PLATFORM_USER, secrets.registryPassword());
        }
        return builder.build().start();
    }

    /**
     * Settings for a client of this platform, Kafka and registry in one map: the addresses, and on a secured
     * platform the platform user's credentials and trust stores.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        if (secrets != null) {
            props.putAll(secrets.clientSettings());
        }
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("schema.registry.url", registry.url());
        return props;
    }

    /**
     * The dashboard's address for a browser: with {@code ?token=} when the dashboard needs a token (the page
     * then keeps it in a cookie); null without a dashboard.
     */
    public String dashboardLink() {
        if (dashboard == null) {
            return null;
        }
        return apiToken.browserLink(dashboard.url());
    }

    /** The secrets of a secured platform, or null when it runs in plaintext. */
    public PlatformSecrets secrets() {
        return secrets;
    }

    /** The platform topics under this platform's prefix and partition count. */
    public PlatformTopics topics() {
        return PlatformTopics.of(settings.topicPrefix, settings.partitions);
    }

    /** Where Kafka clients connect, {@code host:port}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The registry's base URL, for {@code schema.registry.url}. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** The running broker. */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    /** Directory holding all state. */
    public Path dataDir() {
        return settings.dataDir;
    }

    /** The running streams application. */
    public StreamsApp streamsApp() {
        return streams;
    }

    private DashboardConfig dashboardConfig(StreamsAppConfig streamsConfig) {
        Map<String, Object> clients = new HashMap<>(streamsConfig.clientProperties());
        clients.putAll(streamsConfig.serdeProperties());
        ModelService models = streams.models();
        Supplier<Optional<String>> model = () -> {
            if (models == null) {
                return Optional.empty();
            }
            var serving = models.acquire();
            try {
                return Optional.ofNullable(serving).map(m -> m + " on " + models.device());
            } finally {
                if (serving != null) {
                    serving.release();
                }
            }
        };
        return new DashboardConfig(settings.host, settings.dashboardPort, clients, topics(),
                streamsConfig.applicationId(), new LocalHistories(streams.streams(),
                streamsConfig.history().maxDetailedEvents()), streams.streams(), model, settings.startedAt, apiToken);
    }

    /** The dashboard, or null when it was not asked for. */
    public Dashboard dashboard() {
        return dashboard;
    }

    /** The synthetic hospital feed, or null when it was not asked for. */
    public SyntheticHospitalFeed feed() {
        return feed;
    }

    /** Topics this start created (empty when resuming on a data directory that had them). */
    public List<String> createdTopics() {
        return createdTopics;
    }

    /** Human-readable listing of where everything listens, for the console. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("adrd-stream embedded platform is up; data in ").append(settings.dataDir.toAbsolutePath())
                .append('\n')
                .append("  Kafka bootstrap servers  ").append(bootstrapServers())
                .append("   (KRaft, cluster ").append(broker.clusterId()).append(")\n")
                .append("  Schema registry          ").append(schemaRegistryUrl()).append('\n')
                .append(secrets == null ? "" : "  Security                 SASL_SSL (" + BrokerSecurity.MECHANISM
                        + ") and registry basic auth over https, as user " + PlatformSecrets.PLATFORM_USER
                        + "; client settings: " + secrets.clientConfigFile().toAbsolutePath() + "\n")
                .append(connect == null ? "" : "  Connect worker           " + connect.restUrl() + "   (connectors: "
                        + settings.connectors.describe() + ")\n")
                .append(dashboard == null ? "" : "  Dashboard                " + dashboard.url() + "   (metrics at "
                        + dashboard.url() + "metrics)\n")
                .append(feed == null ? "" : String.format("  Synthetic hospital feed  %d patients at %.0f records/s, %d fed so far%n",
                        feed.patients(), settings.feed.rate(), feed.patientsFed()))
                .append("  Streams application      ").append(settings.topicPrefix).append(StreamsAppConfig.DEFAULT_APPLICATION_ID)
                .append(scoringDescription()).append(", state in ").append(settings.dataDir.resolve("streams")).append('\n')
                .append("  Topics\n");
        for (TopicSpec topic : topics().all()) {
            text.append(String.format("    %-28s %2d partition(s)  %s%n", topic.name(), topic.partitions(),
                    topic.purpose()));
        }
        return text.toString();
    }

    private String scoringDescription() {
        if (streams.models() == null) {
            return " (history assembly; scoring off)";
        }
        var model = streams.models().acquire();
        try {
            return " (history assembly; scoring with " + model + " on " + streams.models().device() + ")";
        } finally {
            model.release();
        }
    }

    /**
     * Stops the feed (after the message in flight), the Connect worker (committing its offsets), the dashboard,
     * the streams application, the registry, then the broker. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        try {
            if (feed != null) {
                feed.close();
            }
            if (connect != null) {
                connect.close();
            }
            if (dashboard != null) {
                dashboard.close();
            }
            if (streams != null) {
                streams.close();
            }
            if (registry != null) {
                registry.close();
            }
        } finally {
            feed = null;
            connect = null;
            dashboard = null;
            streams = null;
            registry = null;
            if (broker != null) {
                broker.close();
                broker = null;
            }
        }
    }

    /** Builds the streams application's config from what the platform decides (addresses, paths, topics). */
    @FunctionalInterface
    public interface StreamsConfigurer {
        StreamsAppConfig configure(String bootstrapServers, String registryUrl, String applicationId, Path stateDir,
                                   PlatformTopics topics, short replicationFactor);
    }

    /** Settings of the embedded platform. Every setting has a working default. */
    public static final class Builder {
        private Path dataDir = Path.of("adrd-data");
        private String host = "127.0.0.1";
        private int kafkaPort = 9092;
        private int controllerPort = 9093;
        private int registryPort = 8081;
        private String topicPrefix = "";
        private int partitions = PlatformTopics.DEFAULT_PARTITIONS;
        private int dashboardPort = -1;
        private boolean secure;
        private DemoConnectors.Settings connectors;
        private FeedSettings feed;
        private Instant startedAt = Instant.now();
        private StreamsConfigurer streams = (bootstrap, registryUrl, id, stateDir, topics, replication) ->
                StreamsAppConfig.defaults(bootstrap, registryUrl, stateDir).withApplicationId(id).withTopics(topics);

        private Builder() {
        }

        /** How the streams application is configured. Default: {@link StreamsAppConfig#defaults}. */
        public Builder streams(StreamsConfigurer configurer) {
            this.streams = Objects.requireNonNull(configurer, "configurer");
            return this;
        }

        /** Directory for all state; reused on restart. Default {@code ./adrd-data}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Interface everything binds to and advertises. Default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Kafka client port (9092); 0 picks a free one. */
        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** KRaft controller port (9093); 0 picks a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Schema registry port (8081); 0 picks a free one. */
        public Builder registryPort(int port) {
            this.registryPort = port;
            return this;
        }

        /** Prefix of every platform topic name. Default none. */
        public Builder topicPrefix(String prefix) {
            this.topicPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Partitions of the per-patient topics. Default {@value PlatformTopics#DEFAULT_PARTITIONS}. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Serves the dashboard on this port (0 picks a free one). Default: no dashboard. */
        public Builder dashboardPort(int port) {
            this.dashboardPort = port;
            return this;
        }

        /**
         * Secures the platform: the broker takes SASL_SSL (SCRAM-SHA-512) only, the registry https with basic
         * auth, and every part logs in; secrets are made once in {@code DATA/security} (see
         * {@link PlatformSecrets}). A data directory keeps the choice it was created with. Default: plaintext.
         */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** Runs a Connect worker with the FHIR and HL7 connectors. Default: none. */
        public Builder connectors(DemoConnectors.Settings connectors) {
            this.connectors = connectors;
            return this;
        }

        /** Runs the synthetic hospital feed through the connectors (which it needs). Default: none. */
        public Builder feed(FeedSettings feed) {
            this.feed = feed;
            return this;
        }

        /** When this run started, for the time to its first score. Default: when the builder was made. */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            return this;
        }

        /** The platform with these settings, not yet started. */
        public EmbeddedPlatform build() {
            if (feed != null && connectors == null) {
                throw new IllegalStateException("the synthetic feed sends through the connectors: set connectors(...) too");
            }
            return new EmbeddedPlatform(this);
        }
    }
}
