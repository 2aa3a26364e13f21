package org.adrdstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.contract.Sex;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.contract.SourceRef;
import org.adrdstream.serde.SpecificAvroDeserializer;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.topics.PlatformTopics;
import org.adrdstream.topics.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Event → score latency through the whole streaming pipeline (history assembly, publication, scoring with the
 * bundled model) on an embedded broker: a paced producer sends diagnoses and labs at a fixed rate, each
 * stamped with {@code ingested_at} when sent, and the scores' own {@code latency_ms} (scored_at minus the
 * newest event's ingested_at) are collected from {@code adrd.risk.v1} read committed.
 */
final class LatencyBenchmark {

    private static final String[] DIAGNOSES = {"I10", "E11.9", "E78.5", "F32.9", "H91.90", "I48.91", "N18.3", "R41.3"};
    /** Scores made in the first seconds of the paced phase are left out: the pipeline is still filling. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** Issue 6's latency goal with the default model. */
    static final int P99_GOAL_MS = 250;

    private final String bootstrapServers;
    private final String registryUrl;
    private final Path work;
    private final int patients;
    private final int partitions;
    private final Duration publishInterval;
    private final Duration commitInterval;
    private final Duration scoringInterval;
    private final int streamThreads;

    /**
     * @param publishInterval history publication interval (the debounce)
     * @param commitInterval  exactly-once commit interval: outputs become visible to the next stage at commits
     * @param scoringInterval how often the scorer drains its pending patients
     * @param streamThreads   stream threads of the application (history assembly and scoring share them)
     */
    LatencyBenchmark(String bootstrapServers, String registryUrl, Path work, int patients, int partitions,
                     Duration publishInterval, Duration commitInterval, Duration scoringInterval, int streamThreads) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.work = work;
        this.patients = patients;
        this.partitions = partitions;
        this.publishInterval = publishInterval;
        this.commitInterval = commitInterval;
        this.scoringInterval = scoringInterval;
        this.streamThreads = streamThreads;
    }

    Run run(int rate, Duration duration, int repetition, boolean evidence) throws Exception {
        String name = "latency-" + rate + "-" + publishInterval.toMillis() + "-" + repetition;
        PlatformTopics topics = PlatformTopics.of(name + ".", partitions);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            TopicProvisioner.ensure(admin, topics.all(), (short) 1);
        }
        StreamsAppConfig config = StreamsAppConfig.defaults(bootstrapServers, registryUrl, work.resolve(name))
                .withTopics(topics).withApplicationId(name)
                .withHistory(HistorySettings.defaults().withPublishInterval(publishInterval))
                .withCommitInterval(commitInterval)
                .withThreads(streamThreads)
                .withScoring(ScoringSettings.defaults(work.resolve("models")).withDevice("cpu", 1)
                        .withBatching(ScoringSettings.defaults(work).batchSize(), scoringInterval,
                                ScoringSettings.defaults(work).rescoreInterval())
                        .withEvidence(evidence ? 4 : 0, evidence ? 3 : 0));
        try (StreamsApp app = new StreamsApp(config).start(Duration.ofMinutes(2));
             KafkaProducer<String, ClinicalEvent> producer = producer();
             KafkaConsumer<String, RiskScore> scores = consumer(topics.riskScores().name())) {
            Random random = new Random(repetition);
            for (int p = 0; p < patients; p++) {
                producer.send(record(topics, demographics(p, random)));
            }
            producer.flush();
            Instant start = Instant.now();
            int sent = pace(producer, topics, rate, duration, random);
            Instant end = Instant.now();
            Collected collected = collect(scores, start.plus(SETTLE), end);
            return Run.of(rate, publishInterval.toMillis(), evidence, sent, collected.latencies(),
                    collected.inWindow() / (Duration.between(start.plus(SETTLE), end).toMillis() / 1000.0));
        }
    }

    /** Sends {@code rate} events a second for {@code duration}, each stamped as ingested when sent. */
    private int pace(KafkaProducer<String, ClinicalEvent> producer, PlatformTopics topics, int rate, Duration duration,
                     Random random) {
        long interval = 1_000_000_000L / rate;
        long started = System.nanoTime();
        int total = (int) (rate * duration.toSeconds());
        for (int i = 0; i < total; i++) {
            long due = started + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            producer.send(record(topics, diagnosis(i, random)));
        }
        producer.flush();
        return total;
    }

    /**
     * Latencies of SCORED records made from {@code from} on, until the backlog has drained (5 s without a record,
     * at most 30 s after {@code until}), and how many were made inside [from, until] (the rate sustained).
     */
    private static Collected collect(KafkaConsumer<String, RiskScore> scores, Instant from, Instant until) {
        List<Long> latencies = new ArrayList<>();
        int inWindow = 0;
        Instant deadline = until.plusSeconds(30);
        Instant quietSince = Instant.now();
        while (Instant.now().isBefore(deadline) && Duration.between(quietSince, Instant.now()).toSeconds() < 5) {
            for (ConsumerRecord<String, RiskScore> record : scores.poll(Duration.ofMillis(200))) {
                quietSince = Instant.now();
                RiskScore score = record.value();
                if (score.getStatus() == ScoreStatus.SCORED && score.getLatencyMs() != null
                        && !score.getScoredAt().isBefore(from)) {
                    latencies.add(score.getLatencyMs());
                    inWindow += score.getScoredAt().isAfter(until) ? 0 : 1;
                }
            }
        }
        return new Collected(latencies, inWindow);
    }

    private record Collected(List<Long> latencies, int inWindow) {
    }

    ClinicalEvent demographics(int patient, Random random) {
        return event("bench-" + patient, "demo:" + patient, EventKind.DEMOGRAPHICS, null)
                .setBirthDate(LocalDate.of(1930 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28)))
                .setSex(random.nextBoolean() ? Sex.FEMALE : Sex.MALE).build();
    }

    ClinicalEvent diagnosis(int i, Random random) {
        return event("bench-" + random.nextInt(patients), "latency:" + i, EventKind.DIAGNOSIS,
                new org.adrdstream.contract.Code(org.adrdstream.contract.CodeSystem.ICD10CM,
                        DIAGNOSES[random.nextInt(DIAGNOSES.length)], "diagnosis")).build();
    }

    private static ClinicalEvent.Builder event(String patient, String id, EventKind kind, org.adrdstream.contract.Code code) {
        return ClinicalEvent.newBuilder().setEventId(id).setPatientId(patient).setKind(kind)
                .setTime(Instant.parse("2015-01-01T00:00:00Z").plusSeconds(Math.abs(id.hashCode() % 300_000_000)))
                .setEndTime(null).setIngestedAt(Instant.now()).setCode(code).setValue(null).setValueText(null)
                .setUnit(null).setStatus(EventStatus.ACTIVE).setSource(new SourceRef("bench-latency", SourceFormat.SYNTHETIC, id))
                .setBirthDate(null).setSex(null);
    }

    static ProducerRecord<String, ClinicalEvent> record(PlatformTopics topics, ClinicalEvent event) {
        event.setIngestedAt(Instant.now());
        return new ProducerRecord<>(topics.clinicalEvents().name(), event.getPatientId(), event);
    }

    KafkaProducer<String, ClinicalEvent> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put("schema.registry.url", registryUrl);
        SpecificAvroSerializer<ClinicalEvent> values = new SpecificAvroSerializer<>();
        values.configure(props, false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    KafkaConsumer<String, RiskScore> consumer(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put("schema.registry.url", registryUrl);
        SpecificAvroDeserializer<RiskScore> values = new SpecificAvroDeserializer<>();
        values.configure(props, false);
        KafkaConsumer<String, RiskScore> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Medians per publication interval and rate, the p99 goal, and the highest rate that holds it. */
    static BenchReport report(List<Run> runs, List<Integer> rates, List<Long> intervals, Map<String, Object> parameters) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        Map<String, BenchReport.Target> targets = new LinkedHashMap<>();
        for (long interval : intervals) {
            int held = 0;
            for (int rate : rates) {
                List<Run> own = runs.stream().filter(r -> r.rate() == rate && r.publishIntervalMs() == interval).toList();
                String key = rate + " ev/s, publish " + interval + " ms";
                metrics.put(key + ": p50 ms", BenchReport.stats(own, Run::p50Ms));
                metrics.put(key + ": p99 ms", BenchReport.stats(own, Run::p99Ms));
                metrics.put(key + ": scores/s", BenchReport.stats(own, Run::scoresPerSecond));
                targets.put(key + ": p99 ms", BenchReport.Target.atMost(P99_GOAL_MS)); // issue 6's goal
                if (metrics.get(key + ": p99 ms").get("median") <= P99_GOAL_MS) {
                    held = Math.max(held, rate);
                }
            }
            metrics.put("publish " + interval + " ms: highest rate with p99 <= " + P99_GOAL_MS + " ms",
                    Map.of("median", (double) held, "min", (double) held, "max", (double) held, "n", 1.0));
        }
        return new BenchReport("latency", parameters, metrics, runs).withTargets(targets);
    }

    /**
     * One paced run.
     *
     * @param rate              events per second sent
     * @param publishIntervalMs history publication interval
     * @param evidence          whether scores carried occlusion evidence (4 candidates)
     * @param sent              events sent
     * @param scores            SCORED records counted (after the settling seconds)
     * @param scoresPerSecond   scores over the measured window
     */
    record Run(int rate, long publishIntervalMs, boolean evidence, int sent, int scores, double scoresPerSecond,
               double p50Ms, double p95Ms, double p99Ms) {

        static Run of(int rate, long publishIntervalMs, boolean evidence, int sent, List<Long> latencies,
                      double scoresPerSecond) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Run(rate, publishIntervalMs, evidence, sent, sorted.length, scoresPerSecond,
                    percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99));
        }

        private static double percentile(long[] sorted, double q) {
            return sorted.length == 0 ? Double.NaN : sorted[(int) Math.ceil(q * sorted.length) - 1];
        }

        String label() {
            return rate + " ev/s, publish " + publishIntervalMs + " ms" + (evidence ? ", evidence" : "");
        }
    }
}
