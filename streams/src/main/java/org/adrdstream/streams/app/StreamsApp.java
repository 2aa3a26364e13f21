package org.adrdstream.streams.app;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.ModelPromotion;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.registry.client.RestSchemaRegistryClient;
import org.adrdstream.registry.client.SchemaRegistryClient;
import org.adrdstream.serde.SpecificAvroSerde;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.history.HistoryTopology;
import org.adrdstream.streams.history.PatientMerges;
import org.adrdstream.streams.query.ApiToken;
import org.adrdstream.streams.query.PatientQueryServer;
import org.adrdstream.streams.scoring.ScoringTopology;
import org.adrdstream.streams.serving.ModelService;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the streams application: history assembly and, unless turned off, risk scoring with the
 * model in service (docs/streams.md). Builds the topology, runs it with exactly-once, and reports its state. Start as many instances (same application id, own state directories) as there are
 * partitions to share; close it in {@code finally}.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);
    /** The study's task (docs/task.md); one instance shared by every scoring task. */
    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());
    private final StreamsAppConfig config;
    private final KafkaStreams streams;
    private final ModelService models;
    private PatientQueryServer queryServer;

    /**
     * Loads the model in service first (when scoring is on), so a model that cannot be served stops the start
     * with its reason rather than leaving histories unscored.
     */
    public StreamsApp(StreamsAppConfig config) {
        this.config = config;
        this.models = config.scoring().enabled() ? startModelService(config) : null;
        Properties props = new Properties();
        props.putAll(config.streamsProperties());
        this.streams = new KafkaStreams(topology(config, models), props);
        streams.setUncaughtExceptionHandler(error -> {
            log.error("stream thread failed; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    }

    /** The topology this application runs, for inspection and tests; {@code models} null leaves scoring out. */
    public static Topology topology(StreamsAppConfig config, ModelService models) {
        SpecificAvroSerde<ClinicalEvent> events = new SpecificAvroSerde<>();
        events.configure(config.serdeProperties(), false);
        SpecificAvroSerializer<SpecificRecord> deadLetters = new SpecificAvroSerializer<>();
        deadLetters.configure(config.serdeProperties(), false);
        int historySchemaId;
        try (SchemaRegistryClient registry = RestSchemaRegistryClient.create(config.serdeProperties())) {
            // Histories are encoded by the topology itself, so their schema is registered here, once.
            historySchemaId = registry.register(config.topics().patientHistories().name() + "-value",
                    PatientHistory.getClassSchema());
        }
        Topology topology = HistoryTopology.build(config.topics(), config.history(), events, deadLetters, historySchemaId,
                PatientMerges.topic(config.applicationId(), config.topics()).name());
        if (models == null) {
            return topology;
        }
        SpecificAvroSerde<PatientHistory> histories = new SpecificAvroSerde<>();
        histories.configure(config.serdeProperties(), false);
        SpecificAvroSerializer<RiskScore> scores = new SpecificAvroSerializer<>();
        scores.configure(config.serdeProperties(), false);
        return ScoringTopology.addTo(topology, config.topics(), config.scoring(), TASK, models,
                histories.deserializer(), scores);
    }

    private static ModelService startModelService(StreamsAppConfig config) {
        SpecificAvroSerde<ModelPromotion> promotions = new SpecificAvroSerde<>();
        promotions.configure(config.serdeProperties(), false);
        ModelService service = new ModelService(config.scoring(), TASK);
        try {
            return service.start(config.clientProperties(), config.topics().modelControl().name(),
                    promotions.deserializer());
        } catch (PackageRefusedException | RuntimeException e) {
            service.close();
            throw new IllegalStateException("no model to serve: " + e.getMessage(), e);
        }
    }

    /** The model service, or null when this instance does not score. */
    public ModelService models() {
        return models;
    }

    /**
     * Creates the application's merge topic when missing ({@link PatientMerges}), starts processing and waits
     * until the instance is RUNNING (its stores restored).
     */
    public StreamsApp start(Duration timeout) {
        try (Admin admin = Admin.create(config.clientProperties())) {
            PatientMerges.ensure(admin, config.applicationId(), config.topics(), config.replicationFactor());
        }
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("streams application " + config.applicationId() + " is "
                        + streams.state() + " after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        if (config.queryEndpoint() != null) {
            queryServer = new PatientQueryServer(streams, HostInfo.buildFromEndpoint(config.queryEndpoint()),
                    config.history().maxDetailedEvents(), models != null, ApiToken.of(config.apiToken())).start();
        }
        log.info("streams application {} running with {} thread(s), state in {}", config.applicationId(),
                config.threads(), config.stateDir());
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The underlying Streams instance, for metadata and interactive queries. */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Stops the instance and leaves the group, so its partitions move to the other instances at once
     * rather than after the session timeout. (A crash, by contrast, is noticed after the session timeout.)
     */
    @Override
    public void close() {
        if (queryServer != null) {
            queryServer.close();
        }
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        if (models != null) {
            models.close(); // after the stream threads: no batch can still be running on the model
        }
    }
}
