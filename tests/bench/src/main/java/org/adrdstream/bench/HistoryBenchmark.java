package org.adrdstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.streams.history.PatientMerges;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The history suite: the same pre-serialized events, on the same broker, through a bare exactly-once
 * pass-through topology, through the store floor ({@link StoreFloorTopology}: each event put once into a
 * changelogged store) and through history assembly, one after the other in each repetition. Reports
 * events/s of each from the first commit until the application's committed offsets reach the input's end,
 * their ratios, and the RocksDB bytes per patient the history stores hold afterwards.
 */
final class HistoryBenchmark {

    /** One repetition's measurements. */
    record Run(double passThroughEventsPerSecond, double storeFloorEventsPerSecond, double historyEventsPerSecond,
               double rocksDbBytesPerPatient, double passThroughCpuMicrosPerEvent, double storeFloorCpuMicrosPerEvent,
               double historyCpuMicrosPerEvent) {
        double ratio() {
            return historyEventsPerSecond / passThroughEventsPerSecond;
        }

        double floorRatio() {
            return storeFloorEventsPerSecond / passThroughEventsPerSecond;
        }

        double historyToFloor() {
            return historyEventsPerSecond / storeFloorEventsPerSecond;
        }
    }

    /**
     * One topology's figures: its rate, and the CPU time of the application's own threads (stream threads and
     * their producers' network threads, start-up included; not the broker's) per input event, which the
     * machine's noise moves far less than the rate.
     */
    private record Measured(double eventsPerSecond, double cpuMicrosPerEvent) {
    }

    private final String bootstrapServers;
    private final String registryUrl;
    /** Security settings for every Kafka client here (empty against a plaintext broker). */
    private final Map<String, String> client;
    private final Path workDir;
    private final int events;
    private final int patients;
    private final int partitions;
    private final Duration publishInterval;
    private final Duration commitInterval;
    private final int threads;

    HistoryBenchmark(EmbeddedCluster cluster, Path workDir, int events, int patients,
                     int partitions, Duration publishInterval, Duration commitInterval, int threads) {
        this.threads = threads;
        this.publishInterval = publishInterval;
        this.commitInterval = commitInterval;
        this.bootstrapServers = cluster.bootstrapServers();
        this.registryUrl = cluster.registryUrl();
        this.client = cluster.clientProperties();
        this.workDir = workDir;
        this.events = events;
        this.patients = patients;
        this.partitions = partitions;
    }

    Run run(int repetition) {
        PlatformTopics topics = PlatformTopics.of("bench" + repetition + ".", partitions);
        Map<String, Object> adminProps = new HashMap<>(client);
        adminProps.put("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(adminProps)) {
            TopicProvisioner.ensure(admin, topics.all(), (short) 1);
            admin.createTopics(List.of(new NewTopic(
                    topics.clinicalEvents().name() + ".copy", partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            produce(topics.clinicalEvents().name(), BenchFeed.generate(events, patients, repetition));
            Measured passThrough = measure(admin, "bench-pass-" + repetition,
                    passThrough(topics, "bench-pass-" + repetition, workDir.resolve("pass-" + repetition)));
            Measured floor = measure(admin, "bench-floor-" + repetition, new KafkaStreams(
                    StoreFloorTopology.build(topics.clinicalEvents().name()),
                    baselineProperties("bench-floor-" + repetition, workDir.resolve("floor-" + repetition))));
            StreamsAppConfig config = StreamsAppConfig.defaults(bootstrapServers, registryUrl,
                            workDir.resolve("history-" + repetition))
                    .withoutScoring().withTopics(topics).withApplicationId("bench-history-" + repetition)
                    .withHistory(HistorySettings.defaults().withPublishInterval(publishInterval))
                    .withCommitInterval(commitInterval).withThreads(threads).withOverrides(client);
            StreamsApp history = new StreamsApp(config);
            // measure() starts the Streams instance itself, so the merge topic StreamsApp.start makes is made here
            PatientMerges.ensure(admin, config.applicationId(), topics, (short) 1);
            Measured assembly = measure(admin, config.applicationId(), history.streams());
            double bytesPerPatient = directorySize(config.stateDir()) / (double) patients;
            return new Run(passThrough.eventsPerSecond(), floor.eventsPerSecond(), assembly.eventsPerSecond(),
                    bytesPerPatient, passThrough.cpuMicrosPerEvent(), floor.cpuMicrosPerEvent(),
                    assembly.cpuMicrosPerEvent());
        } catch (Exception e) {
            throw new IllegalStateException("history benchmark repetition " + repetition + " failed: " + e, e);
        }
    }

    private KafkaStreams passThrough(PlatformTopics topics, String applicationId, Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.clinicalEvents().name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(topics.clinicalEvents().name() + ".copy", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return new KafkaStreams(builder.build(), baselineProperties(applicationId, stateDir));
    }

    /** A baseline's settings: the application's defaults (exactly-once) with the suite's commit interval and threads. */
    private Properties baselineProperties(String applicationId, Path stateDir) {
        Properties props = new Properties();
        StreamsAppConfig defaults = StreamsAppConfig.defaults(bootstrapServers, registryUrl, stateDir);
        props.putAll(defaults.streamsProperties());
        props.putAll(client);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        return props;
    }

    /**
     * Events per second between the application's first commit and the commit that covers the whole input
     * (start-up and rebalancing stay out of the figure, whatever the thread count), and the application's CPU
     * per event up to that commit. Closes the application.
     */
    private Measured measure(Admin admin, String applicationId, KafkaStreams streams) throws Exception {
        streams.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            long firstAt = 0;
            long firstCommitted = 0;
            long committed;
            while ((committed = committed(admin, applicationId)) < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(applicationId + " did not finish within 20 minutes");
                }
                if (firstAt == 0 && committed > 0) {
                    firstAt = System.nanoTime();
                    firstCommitted = committed;
                }
                TimeUnit.MILLISECONDS.sleep(50); // polling committed offsets: the harness's clock tick
            }
            if (firstAt == 0) {
                throw new IllegalStateException(applicationId + " committed everything between two polls: "
                        + "use more --events");
            }
            double rate = (events - firstCommitted) / ((System.nanoTime() - firstAt) / 1e9);
            return new Measured(rate, cpuNanos(applicationId) / 1e3 / events);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    /** CPU time so far of the live threads whose names carry the application's client id prefix. */
    private static long cpuNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains(applicationId + "-"))
                .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.getId())))
                .sum();
    }

    private long committed(Admin admin, String applicationId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private void produce(String topic, List<ClinicalEvent> feed) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        SpecificAvroSerializer<ClinicalEvent> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registryUrl), false);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(feed.size());
        for (ClinicalEvent event : feed) {
            records.add(new ProducerRecord<>(topic, event.getPatientId().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(topic, event)));
        }
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
        }
    }

    static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().contains("rocksdb"))
                    .mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
