package org.adrdstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.streams.history.HistoryTopology;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * The soak: twice the nominal rate (issue 6's 2,000 events/s) for a long burst through history assembly and
 * scoring with the bundled model on an embedded broker, then a recovery phase until the application has
 * caught up. Every sample (10 s) records the heap after a full collection, the RocksDB state on disk (all of
 * it, and the event index's part), the entries of the event index, the application's lag on
 * {@code clinical.events.v1}, events sent, risk records and dead letters made, and the application's state.
 * Heap, state and index entries "level off" when their growth over the last third of the burst is at most a
 * quarter of their growth over the first third.
 */
final class SoakBenchmark {

    /** One sample. */
    record Sample(long second, long sent, long lag, double heapAfterGcMib, double stateMib, double indexMib,
                  long indexEntries, long riskRecords, long deadLetters, String state) {
    }

    /** The run: its samples, when the lag came back to zero after the burst, and the verdicts. */
    record Result(int rate, long burstSeconds, List<Sample> samples, double recoverySeconds, boolean heapLevelsOff,
                  boolean stateLevelsOff, boolean indexLevelsOff, long deadLetters, boolean running) {
    }

    private static final Duration SAMPLE = Duration.ofSeconds(10);

    private final LatencyBenchmark events;
    private final String bootstrapServers;
    private final String registryUrl;
    private final Path work;
    private final int patients;
    private final int partitions;
    private final Duration resendHorizon;

    /**
     * @param resendHorizon how long the event index remembers retracted and folded ids: the soak compresses years of
     *                      a patient's events into minutes, so its horizon is compressed with them
     */
    SoakBenchmark(String bootstrapServers, String registryUrl, Path work, int patients, int partitions,
                  Duration resendHorizon) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.work = work;
        this.patients = patients;
        this.partitions = partitions;
        this.resendHorizon = resendHorizon;
        this.events = new LatencyBenchmark(bootstrapServers, registryUrl, work, patients, partitions,
                Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(200), 1); // for its event makers only
    }

    /** Runs the soak; {@code progress} sees every sample as it is taken. */
    Result run(int rate, Duration burst, Duration maxRecovery, Consumer<Sample> progress) throws Exception {
        PlatformTopics topics = PlatformTopics.of("soak.", partitions);
        String application = "soak";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            TopicProvisioner.ensure(admin, topics.all(), (short) 1);
            Path state = work.resolve(application);
            StreamsAppConfig config = StreamsAppConfig.defaults(bootstrapServers, registryUrl, state)
                    .withTopics(topics).withApplicationId(application)
                    .withHistory(HistorySettings.defaults().withResendHorizon(resendHorizon))
                    .withScoring(ScoringSettings.defaults(work.resolve("models")).withDevice("cpu", 1));
            try (StreamsApp app = new StreamsApp(config).start(Duration.ofMinutes(2));
                 KafkaProducer<String, ClinicalEvent> producer = events.producer();
                 KafkaConsumer<String, ?> risk = events.consumer(topics.riskScores().name());
                 KafkaConsumer<String, ?> deadLetters = events.consumer(topics.deadLetters().name())) {
                Random random = new Random(7);
                for (int p = 0; p < patients; p++) {
                    producer.send(LatencyBenchmark.record(topics, events.demographics(p, random)));
                }
                AtomicLong sent = new AtomicLong(); // written by the sending thread, read by the sampler
                CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> pace(producer, topics, rate, burst, random, sent));
                List<Sample> samples = new ArrayList<>();
                long[] counts = {0, 0};
                long started = System.nanoTime();
                double recovered = -1;
                while (true) {
                    long until = System.nanoTime() + SAMPLE.toNanos();
                    while (System.nanoTime() < until) {
                        counts[0] += risk.poll(Duration.ofMillis(100)).count();
                        counts[1] += deadLetters.poll(Duration.ofMillis(10)).count();
                    }
                    long second = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                    long lag = lag(admin, application, topics.clinicalEvents().name());
                    Sample sample = new Sample(second, sent.get(), lag, heapAfterGcMib(), directoryMib(state, any -> true),
                            directoryMib(state, SoakBenchmark::inEventIndex),
                            entries(app.streams(), HistoryTopology.INDEX_STORE), counts[0],
                            counts[1], app.streams().state().toString());
                    samples.add(sample);
                    progress.accept(sample);
                    if (sending.isDone() && lag == 0) {
                        recovered = second - burst.toSeconds();
                        break;
                    }
                    if (second > burst.plus(maxRecovery).toSeconds()) {
                        break;
                    }
                }
                sending.get(1, TimeUnit.MINUTES);
                List<Sample> inBurst = samples.stream().filter(s -> s.second() <= burst.toSeconds()).toList();
                return new Result(rate, burst.toSeconds(), samples, recovered,
                        levelsOff(inBurst, Sample::heapAfterGcMib), levelsOff(inBurst, Sample::stateMib),
                        levelsOff(inBurst, Sample::indexEntries), counts[1],
                        app.streams().state() == KafkaStreams.State.RUNNING);
            }
        }
    }

    private void pace(KafkaProducer<String, ClinicalEvent> producer, PlatformTopics topics, int rate, Duration burst,
                      Random random, AtomicLong sent) {
        long interval = 1_000_000_000L / rate;
        long started = System.nanoTime();
        long total = rate * burst.toSeconds();
        for (int i = 0; i < total; i++) {
            long wait = started + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            producer.send(LatencyBenchmark.record(topics, events.diagnosis(i, random)));
            sent.set(i + 1);
        }
        producer.flush();
    }

    /** Growth over the last third of the samples at most a quarter of the growth over the first third. */
    static boolean levelsOff(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> metric) {
        int third = samples.size() / 3;
        if (third < 2) {
            return false;
        }
        double early = metric.applyAsDouble(samples.get(third - 1)) - metric.applyAsDouble(samples.get(0));
        double late = metric.applyAsDouble(samples.get(samples.size() - 1))
                - metric.applyAsDouble(samples.get(samples.size() - third));
        return late <= Math.max(0, early) / 4 + 1;
    }

    private static long lag(Admin admin, String group, String topic) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        committed.keySet().stream().filter(p -> p.topic().equals(topic)).forEach(p -> latest.put(p, OffsetSpec.latest()));
        if (latest.isEmpty()) {
            return -1;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        return ends.entrySet().stream().mapToLong(e -> e.getValue().offset() - committed.get(e.getKey()).offset()).sum();
    }

    /**
     * Heap in use after a full collection, forced at each sample: the live data. (A pool's usage after its last
     * collection misleads under G1: the old generation's is only updated by mixed or full collections, which a
     * run may never have.) The pause, ~0.1 s per 10 s sample, slows the application by about 1%.
     */
    private static double heapAfterGcMib() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Size of the files under {@code directory}; RocksDB compaction may delete one while it is walked: try again. */
    private static double directoryMib(Path directory, Predicate<Path> counted) {
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> files = Files.walk(directory)) {
                return files.filter(Files::isRegularFile).filter(counted).mapToLong(SoakBenchmark::sizeOrZero).sum()
                        / (1024.0 * 1024.0);
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw new IllegalStateException("cannot measure " + directory, e);
                }
            }
        }
    }

    /**
     * The entries of one store, counted through an interactive query (~0.3 s for 300,000 entries, on the sampling
     * thread): what the store holds, where the files on disk also hold deleted entries until a compaction drops
     * them. (RocksDB's own estimate, the {@code estimate-num-keys} metric, subtracts deletes roughly and read
     * 12 for a store of ~250,000 entries in a trial run.) -1 while the store is not queryable (a rebalance).
     */
    private static long entries(KafkaStreams streams, String store) {
        try (KeyValueIterator<Object, Object> all = streams.store(StoreQueryParameters.fromNameAndType(store,
                QueryableStoreTypes.keyValueStore())).all()) {
            long entries = 0;
            for (; all.hasNext(); all.next()) {
                entries++;
            }
            return entries;
        } catch (InvalidStateStoreException rebalancing) {
            return -1;
        }
    }

    private static boolean inEventIndex(Path file) {
        for (Path part : file) {
            if (part.toString().equals(HistoryTopology.INDEX_STORE)) {
                return true;
            }
        }
        return false;
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException vanished) {
            return 0;
        }
    }
}
