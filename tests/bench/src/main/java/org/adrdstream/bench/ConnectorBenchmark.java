package org.adrdstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.events.ClinicalEventMapper;
import org.adrdstream.cohort.hl7.Hl7Writer;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.connect.hl7.MllpSourceConnector;
import org.adrdstream.connect.omop.OmopSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.embedded.EmbeddedConnect;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.serde.SpecificAvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The feed connectors' throughput on one broker: OMOP CSV and FHIR NDJSON events per second from connector
 * start to the last event on the topic, next to a bare producer writing the same number of pre-serialized
 * events (acks=all) in the same run; and MLLP messages per second with several senders waiting for their ACKs.
 */
final class ConnectorBenchmark {

    static final String KEY = "bench-key-0123456789";
    static final int PARTITIONS = 3;
    static final int MLLP_PATIENTS = 200;

    /** One repetition's figures. */
    record Run(double producerEventsPerSecond, double omopEventsPerSecond, double fhirEventsPerSecond,
               double mllpMessagesPerSecond, long omopEvents, long fhirEvents, long mllpMessages) {
    }

    private final String bootstrap;
    private final String registry;
    private final Path work;
    private final int patients;
    private final int mllpSenders;
    private final CohortGenerator generator;
    private final long omopEvents;
    private final long fhirEvents;
    private final List<List<String>> mllpBatches;
    private int round;

    ConnectorBenchmark(String bootstrap, String registry, Path work, int patients, int mllpSenders) throws IOException {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.work = work;
        this.patients = patients;
        this.mllpSenders = mllpSenders;
        this.generator = new CohortGenerator(CohortSettings.defaults(42), Pseudonymiser.withKey(KEY));
        List<CohortWriter> writers = new ArrayList<>();
        for (CohortFormat format : List.of(CohortFormat.OMOP, CohortFormat.FHIR, CohortFormat.HL7)) {
            writers.add(format.open(work.resolve("input"), generator.settings()));
        }
        try {
            generator.generate(patients, writers, done -> { });
        } finally {
            CohortWriter.closeAll(writers);
        }
        this.omopEvents = omopRows();
        this.fhirEvents = fhirEvents();
        this.mllpBatches = bySender(MllpClient.frames(Files.readAllBytes(work.resolve("input/hl7/" + Hl7Writer.FILE))));
    }

    Run run() throws Exception {
        round++;
        double producer = producerBaseline("bench.producer." + round);
        double omop = throughConnector("omop", OmopSourceConnector.class.getName(), "omop.directory",
                work.resolve("input/omop"), omopEvents);
        double fhir = throughConnector("fhir", FhirSourceConnector.class.getName(), "fhir.directory",
                work.resolve("input/fhir/ndjson"), fhirEvents);
        long messages = mllpBatches.stream().mapToLong(List::size).sum();
        double mllp = overMllp(mllpBatches, messages);
        return new Run(producer, omop, fhir, mllp, omopEvents, fhirEvents, messages);
    }

    /** A bare producer sending the generator's events, already serialized: the broker's ceiling here. */
    private double producerBaseline(String topic) throws Exception {
        createTopic(topic);
        SpecificAvroSerializer<ClinicalEvent> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", registry), false);
        ClinicalEventMapper mapper = new ClinicalEventMapper(generator.settings().feed());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int k = 0; k < patients; k++) {
            for (ClinicalEvent event : mapper.events(generator.patient(k))) {
                records.add(new ProducerRecord<>(topic, event.getPatientId(), serializer.serialize(topic, event)));
            }
        }
        Map<String, Object> props = Map.of("bootstrap.servers", bootstrap, "acks", "all");
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double throughConnector(String name, String connectorClass, String directoryKey, Path input, long expected)
            throws Exception {
        String topic = "bench." + name + "." + round;
        createTopic(topic);
        Map<String, String> config = connectorConfig(connectorClass, topic);
        config.put(directoryKey, input.toString());
        try (EmbeddedConnect connect = EmbeddedConnect.start(bootstrap, Map.of(), work.resolve(name + "-" + round + ".offsets"), 0, Map.of())) {
            long start = System.nanoTime();
            connect.putConnector(name, config, Duration.ofSeconds(60));
            awaitEvents(topic, expected, Duration.ofMinutes(10));
            return expected / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double overMllp(List<List<String>> batches, long messages) throws Exception {
        String topic = "bench.mllp." + round;
        createTopic(topic);
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> config = connectorConfig(MllpSourceConnector.class.getName(), topic);
        config.put("mllp.port", String.valueOf(port));
        config.put("producer.override.linger.ms", "0");
        try (EmbeddedConnect connect = EmbeddedConnect.start(bootstrap, Map.of(), work.resolve("mllp-" + round + ".offsets"), 0, Map.of())) {
            connect.putConnector("mllp", config, Duration.ofSeconds(60));
            awaitListening(port);
            ExecutorService pool = Executors.newFixedThreadPool(mllpSenders);
            long start = System.nanoTime();
            try {
                List<Future<Integer>> sent = new ArrayList<>();
                for (List<String> batch : batches) {
                    sent.add(pool.submit(() -> send(port, batch)));
                }
                for (Future<Integer> result : sent) {
                    result.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static int send(int port, List<String> batch) throws IOException {
        try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(60))) {
            for (String message : batch) {
                String ack = client.send(message);
                if (!MllpClient.acknowledgementCode(ack).equals("AA")) {
                    throw new IllegalStateException("message answered " + ack.replace('\r', '\n'));
                }
            }
        }
        return batch.size();
    }

    /**
     * The messages of the first {@link #MLLP_PATIENTS} patients split over the senders; one patient's messages
     * stay with one sender, in order. (Every message waits for its ACK: the whole cohort would take minutes.)
     */
    private List<List<String>> bySender(List<String> messages) {
        Map<String, List<String>> byPatient = new LinkedHashMap<>();
        for (String message : messages) {
            String pid = message.substring(message.indexOf("\rPID|"));
            byPatient.computeIfAbsent(pid.split("\\|")[3], k -> new ArrayList<>()).add(message);
        }
        List<List<String>> senders = new ArrayList<>();
        for (int i = 0; i < mllpSenders; i++) {
            senders.add(new ArrayList<>());
        }
        int i = 0;
        for (List<String> patient : byPatient.values()) {
            if (i == MLLP_PATIENTS) {
                break;
            }
            senders.get(i++ % mllpSenders).addAll(patient);
        }
        return senders;
    }

    private Map<String, String> connectorConfig(String connectorClass, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", "1");
        config.put("feed.name", generator.settings().feed());
        config.put("schema.registry.url", registry);
        config.put("pseudonym.key", KEY);
        config.put("events.topic", topic);
        config.put("dead.letter.topic", topic + ".dlq");
        return config;
    }

    private long omopRows() throws IOException {
        long rows = 0;
        try (Stream<Path> tables = Files.list(work.resolve("input/omop"))) {
            for (Path table : tables.toList()) {
                try (Stream<String> lines = Files.lines(table)) {
                    rows += lines.count() - 1;
                }
            }
        }
        return rows;
    }

    /** One event per NDJSON line, plus a DEATH event for every Patient with deceasedDateTime. */
    private long fhirEvents() throws IOException {
        long events = 0;
        try (Stream<Path> files = Files.list(work.resolve("input/fhir/ndjson"))) {
            for (Path file : files.toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    events += lines.mapToLong(line -> line.contains("\"deceasedDateTime\"") ? 2 : 1).sum();
                }
            }
        }
        return events;
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1),
                    new NewTopic(topic + ".dlq", 1, (short) 1))).all().get();
        }
    }

    private void awaitEvents(String topic, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            while (System.nanoTime() < deadline) {
                long total = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
                if (total >= expected) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(topic + " did not reach " + expected + " events within " + timeout);
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the MLLP listener did not open port " + port);
    }
}
