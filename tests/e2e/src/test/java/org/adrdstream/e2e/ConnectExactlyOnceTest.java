package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.connect.hl7.MllpSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adrd connect --distributed}: a distributed worker with exactly-once source support (KIP-618) runs the
 * FHIR connector with {@code exactly.once.support=required}, is SIGKILLed half-way through a cohort's files
 * and started again: a read-committed reader sees every record of the files exactly once, not merely every
 * event id (the at-least-once standalone worker re-sends what it read after its last offset commit, see
 * {@link ConnectKillTest}). Records and offsets commit in one transaction, so nothing is read twice. The
 * HL7 listener runs in the same worker, its records in transactions too: each message is answered AA once
 * they committed, and its events are there once.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConnectExactlyOnceTest {

    private static final int PATIENTS = 150;
    private static final String HL7 = "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101120000||ADT^A04^ADT_A01|%1$s|P|2.5.1\r"
            + "EVN|A04|20240101120000\rPID|1||MRN-%1$s^^^eos&urn:eos:mrn&URI^MR||Doe^Jane||19400501|F\r"
            + "DG1|1||I10^Hypertension^I10C||20240101|A\r";

    @Test
    void killedDistributedWorkerWritesEveryRecordExactlyOnce(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        Map<String, Long> expected = copies(finalVersions(FhirConnectorTest.writeEvents(dir, 23, PATIENTS)));
        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            int port = LocalPorts.free();
            String[] args = connectArgs(kafka, feed, dir, TestTopics.unique("eos-workers"), port);
            int seenAtKill;
            try (ChildJvm first = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                first.awaitLine("READY"::equals, Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> feed.poll().size() > 0);
                first.kill(Duration.ofSeconds(30));
                seenAtKill = feed.poll().size();
            }
            assertThat(seenAtKill).as("killed mid-file").isLessThan(expected.values().stream().mapToInt(Long::intValue).sum());

            try (ChildJvm second = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                second.awaitLine("READY"::equals, Duration.ofSeconds(90));
                try {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                            .until(() -> differences(expected, copies(fhir(feed.poll()))).isEmpty());
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("records written other than once: " + differences(expected, copies(fhir(feed.poll())))
                            + "\nworker output:\n" + second.output(), e);
                }
                LocalPorts.awaitListening(port);
                try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(60))) {
                    for (int i = 0; i < 5; i++) { // answered once the transaction holding its records committed
                        assertThat(MllpClient.acknowledgementCode(client.send(HL7.formatted("eos-" + i)))).isEqualTo("AA");
                    }
                }
                second.terminate(Duration.ofSeconds(60));
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(differences(expected, copies(fhir(feed.poll()))))
                            .as("nothing after the last commit either").isEmpty());
            Map<String, Long> hl7 = feed.eventsRead.stream().filter(e -> e.getSource().getFormat() == SourceFormat.HL7V2)
                    .collect(Collectors.groupingBy(ClinicalEvent::getEventId, Collectors.counting()));
            assertThat(hl7).as("demographics and diagnosis of each AA'd message, once").hasSize(10)
                    .allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1L));
            assertThat(feed.deadLettersRead).isEmpty();
        }
    }

    /**
     * The records the files hold: a retracted resource is written once, entered-in-error, so of each event id
     * only the versions with its last status (a resource the cohort records twice is there twice); a Patient
     * is written once, so its demographics and death once.
     */
    private static List<ClinicalEvent> finalVersions(List<ClinicalEvent> events) {
        Map<String, Object> lastStatus = new java.util.HashMap<>();
        events.forEach(e -> lastStatus.put(e.getEventId(), e.getStatus()));
        java.util.Set<String> patientEvents = new java.util.HashSet<>();
        return events.stream().filter(e -> e.getStatus() == lastStatus.get(e.getEventId()))
                .filter(e -> !e.getEventId().contains(":Patient/") || patientEvents.add(e.getEventId()))
                .toList();
    }

    private static List<ClinicalEvent> fhir(List<ClinicalEvent> events) {
        return events.stream().filter(e -> e.getSource().getFormat() == SourceFormat.FHIR_R4).toList();
    }

    /** How many records carry each event id with each status: a record written twice counts 2. */
    private static Map<String, Long> copies(List<ClinicalEvent> events) {
        return events.stream().collect(Collectors.groupingBy(e -> e.getEventId() + " " + e.getStatus(),
                Collectors.counting()));
    }

    /** Up to 10 "event-id status: expected N, read M" lines, and how many differ in all; empty when none. */
    private static String differences(Map<String, Long> expected, Map<String, Long> read) {
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(read.keySet());
        List<String> differing = keys.stream().filter(k -> !expected.getOrDefault(k, 0L).equals(read.getOrDefault(k, 0L)))
                .map(k -> k + ": expected " + expected.getOrDefault(k, 0L) + ", read " + read.getOrDefault(k, 0L)).toList();
        return differing.isEmpty() ? "" : differing.size() + " differ, e.g. " + differing.subList(0, Math.min(10, differing.size()));
    }

    private static String[] connectArgs(EmbeddedKafkaBroker kafka, FeedFixture feed, Path dir, String group, int port)
            throws Exception {
        Map<String, String> fhir = feed.feedConfig(FhirSourceConnector.class.getName());
        fhir.put("name", "fhir-files");
        fhir.put("fhir.directory", dir.resolve("fhir/ndjson").toString());
        fhir.put("fhir.scan.interval.ms", "500");
        fhir.put("fhir.batch.records", "200"); // small batches: many transactions to land between
        fhir.put("exactly.once.support", "required"); // the worker refuses the connector unless it can keep this
        Map<String, String> mllp = feed.feedConfig(MllpSourceConnector.class.getName());
        mllp.put("name", "hl7-mllp");
        mllp.put("mllp.port", Integer.toString(port));
        mllp.put("producer.override.linger.ms", "0");
        return new String[] {"connect", "--bootstrap-servers", kafka.bootstrapServers(), "--rest-port", "0",
                "--distributed", group, "--worker-property", "offset.flush.interval.ms=200",
                ConnectKillTest.properties(dir.resolve("fhir.properties"), fhir).toString(),
                ConnectKillTest.properties(dir.resolve("hl7.properties"), mllp).toString()};
    }
}
