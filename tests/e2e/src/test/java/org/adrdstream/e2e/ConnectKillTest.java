package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.connect.fhir.FhirSourceConnector;
import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.connect.hl7.MllpSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.SourceFormat;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adrd connect} with the FHIR files and HL7 MLLP connectors, SIGKILLed while it is half-way through a
 * cohort's FHIR files and while a sender is mid-session, then started again on its offsets file: every event
 * of the files arrives (by event id, with its final state; a record sent again after the kill carries the
 * same id, which downstream deduplicates), and every HL7 message that was answered AA is on the topic.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConnectKillTest {

    private static final int PATIENTS = 150;
    private static final String HL7 = "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101120000||ADT^A04^ADT_A01|%1$s|P|2.5.1\r"
            + "EVN|A04|20240101120000\rPID|1||MRN-%1$s^^^kill&urn:kill:mrn&URI^MR||Doe^Jane||19400501|F\r"
            + "PV1|1|O\rDG1|1||I10^Hypertension^I10C||20240101|A\r";

    @Test
    void killedWorkerResumesFilesAndLosesNoAcknowledgedMessage(EmbeddedKafkaBroker kafka, @TempDir Path dir)
            throws Exception {
        Map<String, String> expected = FhirConnectorTest.write(dir, 17, PATIENTS);
        int port = LocalPorts.free();
        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            String[] args = connectArgs(kafka, feed, dir, port);
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            int seenAtKill;
            try (ChildJvm first = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                first.awaitLine("READY"::equals, Duration.ofSeconds(90));
                LocalPorts.awaitListening(port);
                AtomicBoolean sending = new AtomicBoolean(true);
                CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> sendUntilRefused(port, sending, acknowledged));
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> feed.poll().size() > 0 && acknowledged.size() >= 3);
                first.kill(Duration.ofSeconds(30));
                seenAtKill = FhirConnectorTest.finalStates(feed.poll()).size();
                sending.set(false);
                sender.get(90, TimeUnit.SECONDS);
            }
            assertThat(seenAtKill).as("killed mid-file").isLessThan(expected.size());

            try (ChildJvm second = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                second.awaitLine("READY"::equals, Duration.ofSeconds(90));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    List<ClinicalEvent> read = feed.poll();
                    Map<String, String> states = FhirConnectorTest.finalStates(read.stream()
                            .filter(e -> e.getSource().getFormat() == SourceFormat.FHIR_R4).toList());
                    assertThat(states).as("every event of the files, in its final state").isEqualTo(expected);
                    assertThat(acknowledged).as("HL7 messages answered AA").allSatisfy(control ->
                            assertThat(read).anyMatch(e -> e.getEventId().contains(control)));
                });
                assertThat(feed.deadLettersRead).isEmpty();
                second.terminate(Duration.ofSeconds(60));
            }
        }
    }

    private static String[] connectArgs(EmbeddedKafkaBroker kafka, FeedFixture feed, Path dir, int port) throws Exception {
        Map<String, String> fhir = feed.feedConfig(FhirSourceConnector.class.getName());
        fhir.put("name", "fhir-files");
        fhir.put("fhir.directory", dir.resolve("fhir/ndjson").toString());
        fhir.put("fhir.scan.interval.ms", "500");
        fhir.put("fhir.batch.records", "200"); // small batches: many offset commits to land between
        Map<String, String> hl7 = feed.feedConfig(MllpSourceConnector.class.getName());
        hl7.put("name", "hl7-mllp");
        hl7.put("mllp.port", Integer.toString(port));
        hl7.put("producer.override.linger.ms", "0");
        return new String[] {"connect", "--bootstrap-servers", kafka.bootstrapServers(), "--rest-port", "0",
                "--offsets-file", dir.resolve("connect.offsets").toString(), "--worker-property",
                "offset.flush.interval.ms=200", properties(dir.resolve("fhir.properties"), fhir).toString(),
                properties(dir.resolve("hl7.properties"), hl7).toString()};
    }

    static Path properties(Path file, Map<String, String> config) throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(config);
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        }
        return file;
    }


    /** Sends one message after another until told to stop or the listener goes away; records the AA ones. */
    private static void sendUntilRefused(int port, AtomicBoolean sending, List<String> acknowledged) {
        try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(30))) {
            for (int i = 0; sending.get(); i++) {
                String control = "kill-" + i;
                if ("AA".equals(MllpClient.acknowledgementCode(client.send(HL7.formatted(control))))) {
                    acknowledged.add(control);
                }
            }
        } catch (java.io.IOException listenerGone) {
            // the worker was killed mid-session: what was answered AA is recorded
        }
    }
}
