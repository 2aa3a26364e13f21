package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.events.ClinicalEventMapper;
import org.adrdstream.cohort.hl7.Hl7Writer;
import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.connect.hl7.MllpSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.EventKind;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLLP connector on a real Connect worker and broker: the generator's HL7 messages, sent by two senders
 * at once, are all acknowledged AA and give the generator's events; an unparseable message is refused and
 * dead-lettered, a merge (ADT^A40) becomes a MERGE event between two pseudonyms; with the broker down the
 * listener answers AE, never AA.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class MllpConnectorTest {

    private static final int PATIENTS = 12;
    /** Kinds whose HL7 ids are the generator's record ids (demographics, death and enrolment have their own). */
    private static final Set<EventKind> SHARED_IDS = Set.of(EventKind.ENCOUNTER, EventKind.DIAGNOSIS, EventKind.LAB,
            EventKind.OBSERVATION, EventKind.MEDICATION, EventKind.PROCEDURE);

    @Test
    void generatedMessagesFromTwoSendersAreAcknowledgedAndGiveTheGeneratorsEvents(EmbeddedKafkaBroker kafka,
                                                                                  @TempDir Path dir) throws Exception {
        CohortGenerator generator = new CohortGenerator(CohortSettings.defaults(8), Pseudonymiser.withKey(FeedFixture.PSEUDONYM_KEY));
        try (CohortWriter writer = CohortFormat.HL7.open(dir, generator.settings())) {
            generator.generate(PATIENTS, List.of(writer), done -> { });
        }
        List<String> messages = MllpClient.frames(Files.readAllBytes(dir.resolve("hl7/" + Hl7Writer.FILE)));
        Map<String, String> expected = expectedStates(generator);
        int port = LocalPorts.free();

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("mllp", mllpConfig(feed, port, 30_000));
            LocalPorts.awaitListening(port);
            List<String> codes = sendFromTwoSenders(port, messages);

            assertThat(codes).hasSize(messages.size()).containsOnly("AA");
            // AA means the events are in Kafka already: they are there to read, nothing still on its way.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                feed.poll();
                return sharedStates(feed.eventsRead).size() >= expected.size();
            });
            assertThat(sharedStates(feed.eventsRead)).isEqualTo(expected);
            assertThat(feed.deadLettersRead).isEmpty();
            assertThat(feed.eventsRead).filteredOn(e -> e.getKind() == EventKind.DEMOGRAPHICS)
                    .extracting(ClinicalEvent::getPatientId).containsOnlyElementsOf(expectedPatients(generator))
                    .hasSizeGreaterThanOrEqualTo(PATIENTS);
        }
    }

    @Test
    void unparseableMessagesAreRefusedAndMergesBecomeMergeEvents(EmbeddedKafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        int port = LocalPorts.free();
        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            feed.putConnector("mllp", mllpConfig(feed, port, 30_000));
            LocalPorts.awaitListening(port);
            try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(30))) {
                String garbage = client.send("MSH|^~\\&|A|B|C|D|20200101||XYZ|BAD1|P|2.5.1\rthis is not a segment at all");
                String merge = client.send("MSH|^~\\&|A|B|C|D|20200101||ADT^A40^ADT_A39|MRG1|P|2.5.1\rEVN|A40\r"
                        + "PID|1||M2^^^H&urn:h&URI^MR\rMRG|M1^^^H&urn:h&URI^MR");
                String good = client.send("MSH|^~\\&|A|B|C|D|20200101||ADT^A04^ADT_A01|OK1|P|2.5.1\rEVN|A04\r"
                        + "PID|1||M3^^^H&urn:h&URI^MR||Doe^Jane||19400101|F\rPV1|1|O|||||||||||||||||V1|||||||||||||||||||||||||20200101100000");

                assertThat(MllpClient.acknowledgementCode(garbage)).isEqualTo("AR"); // rejected: resending cannot help
                assertThat(MllpClient.acknowledgementCode(merge)).isEqualTo("AA");
                assertThat(MllpClient.acknowledgementCode(good)).isEqualTo("AA");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.poll().size() >= 3 && feed.deadLettersRead.size() >= 1);
            Pseudonymiser pseudonyms = Pseudonymiser.withKey(FeedFixture.PSEUDONYM_KEY);
            assertThat(feed.eventsRead).filteredOn(e -> e.getKind() == EventKind.MERGE).singleElement().satisfies(m -> {
                assertThat(m.getPatientId()).isEqualTo(pseudonyms.pseudonym("urn:h", "M1"));
                assertThat(m.getMergedInto()).isEqualTo(pseudonyms.pseudonym("urn:h", "M2"));
                assertThat(m.getEventId()).as("stable: a re-sent merge has the same id")
                        .isEqualTo("synthetic-hospital:Patient/" + m.getPatientId() + "#merged");
            });
            assertThat(feed.deadLettersRead).singleElement().satisfies(d -> assertThat(d.getReason()).startsWith("unparseable HL7 v2 message"));
            assertThat(feed.eventsRead).extracting(ClinicalEvent::getEventId).contains("synthetic-hospital:Encounter/V1");
            assertThat(feed.deadLettersRead).allSatisfy(d -> assertThat(d.getPayloadText()).isNull());
        }
    }

    @Test
    void withTheBrokerDownTheListenerAnswersAeNotAa(@TempDir Path dir) throws Exception {
        int port = LocalPorts.free();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir.resolve("kafka")).build().start();
        try (FeedFixture feed = new FeedFixture(broker, dir)) {
            feed.putConnector("mllp", mllpConfig(feed, port, 3_000));
            LocalPorts.awaitListening(port);
            String message = "MSH|^~\\&|A|B|C|D|20200101||ADT^A04^ADT_A01|%s|P|2.5.1\rEVN|A04\r"
                    + "PID|1||M9^^^H&urn:h&URI^MR||Doe^John||19400101|M";
            try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(30))) {
                assertThat(MllpClient.acknowledgementCode(client.send(message.formatted("UP1")))).isEqualTo("AA");
                broker.close();
                String ack = client.send(message.formatted("DOWN1"));
                assertThat(MllpClient.acknowledgementCode(ack)).isEqualTo("AE");
                assertThat(ack).contains("send again");
            }
        } finally {
            broker.close();
        }
    }

    private static List<String> sendFromTwoSenders(int port, List<String> messages) throws Exception {
        // One patient's messages stay with one sender, in order (a retraction must not overtake what it retracts).
        Map<String, List<String>> byPatient = new HashMap<>();
        for (String message : messages) {
            String pid = message.substring(message.indexOf("\rPID|"));
            byPatient.computeIfAbsent(pid.split("\\|")[3], k -> new ArrayList<>()).add(message);
        }
        List<List<String>> senders = List.of(new ArrayList<>(), new ArrayList<>());
        int i = 0;
        for (List<String> patient : byPatient.values()) {
            senders.get(i++ % 2).addAll(patient);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (List<String> batch : senders) {
                results.add(pool.submit(() -> {
                    List<String> codes = new ArrayList<>();
                    try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(60))) {
                        for (String message : batch) {
                            codes.add(MllpClient.acknowledgementCode(client.send(message)));
                        }
                    }
                    return codes;
                }));
            }
            List<String> codes = new ArrayList<>();
            for (Future<List<String>> result : results) {
                codes.addAll(result.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Final state per event id of the kinds whose ids HL7 shares with the generator's events. */
    private static Map<String, String> expectedStates(CohortGenerator generator) {
        ClinicalEventMapper mapper = new ClinicalEventMapper(generator.settings().feed());
        List<ClinicalEvent> events = new ArrayList<>();
        for (int k = 0; k < PATIENTS; k++) {
            events.addAll(mapper.events(generator.patient(k)));
        }
        return sharedStates(events);
    }

    private static List<String> expectedPatients(CohortGenerator generator) {
        List<String> patients = new ArrayList<>();
        for (int k = 0; k < PATIENTS; k++) {
            patients.add(generator.patient(k).identity().pseudonym());
        }
        return patients;
    }

    private static Map<String, String> sharedStates(List<ClinicalEvent> events) {
        Map<String, String> states = new HashMap<>();
        for (ClinicalEvent e : events) {
            if (SHARED_IDS.contains(e.getKind())) {
                states.put(e.getEventId(), e.getPatientId() + " " + e.getKind() + " " + e.getStatus() + " " + e.getTime()
                        + " " + e.getEndTime() + " " + (e.getCode() == null ? null : e.getCode().getValue()) + " " + e.getValue());
            }
        }
        return states;
    }

    static Map<String, String> mllpConfig(FeedFixture feed, int port, long ackTimeoutMs) {
        Map<String, String> config = feed.feedConfig(MllpSourceConnector.class.getName());
        config.put("mllp.port", String.valueOf(port));
        config.put("mllp.ack.timeout.ms", String.valueOf(ackTimeoutMs));
        config.put("producer.override.linger.ms", "0"); // a sender waits on every record: do not batch for 5 ms
        return config;
    }


}
