package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.connect.hl7.MllpSourceConnector;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.ReferenceHistories;
import org.adrdstream.streams.history.SyntheticFeed;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped and started again on its data directory mid-stream, with a producer sending, the streams
 * application assembling histories and a Connect worker taking HL7 over MLLP: all of them carry on by
 * themselves. Every history ends equal to the independent fold of the whole feed, version included, and every
 * HL7 message answered AA (before, during or after the outage) is on the events topic.
 */
class BrokerRestartTest {

    private static final String HL7 = "MSH|^~\\&|SENDER|FAC|ADRD-STREAM|ADRD|20240101120000||ADT^A04^ADT_A01|%1$s|P|2.5.1\r"
            + "EVN|A04|20240101120000\rPID|1||MRN-%1$s^^^restart&urn:restart:mrn&URI^MR||Doe^Jane||19400501|F\r"
            + "PV1|1|O\rDG1|1||I10^Hypertension^I10C||20240101|A\r";

    @Test
    void everythingRecoversFromABrokerRestartWithNothingLost(@TempDir Path work) throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(300, 20, 41L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(work.resolve("kafka")).build().start();
        int port = LocalPorts.free();
        try (FeedFixture fixture = new FeedFixture(broker, work);
             StreamsApp streams = startStreams(fixture, work.resolve("streams"));
             KafkaConsumer<String, PatientHistory> histories =
                     BrokerFeed.consumer(broker, fixture.registry, fixture.topics.patientHistories().name());
             MllpClient hl7 = connectMllp(fixture, port)) {
            Map<String, PatientHistory> latest = new HashMap<>();
            List<String> acknowledged = new ArrayList<>();
            int half = feed.size() / 2;
            BrokerFeed.produce(broker, fixture.registry, fixture.topics, feed.subList(0, half));
            send(hl7, "before", 10, acknowledged);
            await().atMost(Duration.ofSeconds(60)).until(() -> BrokerFeed.drain(histories, latest) > 50);

            broker.close(); // data directory and ports kept
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() ->
                    BrokerFeed.produce(broker, fixture.registry, fixture.topics, feed.subList(half, feed.size())));
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(hl7, "during", 5, acknowledged));
            broker.start();
            producing.get(3, TimeUnit.MINUTES);
            sending.get(3, TimeUnit.MINUTES);
            send(hl7, "after", 10, acknowledged);

            // the HL7 messages' patients have histories too; the feed's must be exactly the fold
            BrokerFeed.awaitFolded(histories, latest, expected, Duration.ofMinutes(3));
            assertThat(acknowledged).as("messages sent after the restart are answered AA").contains("after-0", "after-9");
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                List<String> ids = fixture.poll().stream().map(ClinicalEvent::getEventId).toList();
                assertThat(acknowledged).as("HL7 messages answered AA").allSatisfy(control ->
                        assertThat(ids).anyMatch(id -> id.contains(control)));
            });
            assertThat(streams.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(fixture.connect().status("mllp").tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        } finally {
            broker.closeAndDelete();
        }
    }

    private static StreamsApp startStreams(FeedFixture fixture, Path state) {
        StreamsAppConfig config = StreamsAppConfig.defaults(fixture.kafka.bootstrapServers(), fixture.registry.url(), state)
                .withoutScoring().withTopics(fixture.topics).withApplicationId(TestTopics.unique("restart-app"));
        return new StreamsApp(config).start(Duration.ofSeconds(60));
    }

    private static MllpClient connectMllp(FeedFixture fixture, int port) throws Exception {
        Map<String, String> config = fixture.feedConfig(MllpSourceConnector.class.getName());
        config.put("mllp.port", Integer.toString(port));
        config.put("mllp.ack.timeout.ms", "10000");
        fixture.putConnector("mllp", config);
        LocalPorts.awaitListening(port);
        return new MllpClient("127.0.0.1", port, Duration.ofSeconds(60));
    }

    /** Sends {@code count} messages; records the control ids answered AA (an AE may be sent again; it is not). */
    private static void send(MllpClient client, String batch, int count, List<String> acknowledged) {
        for (int i = 0; i < count; i++) {
            String control = batch + "-" + i;
            try {
                String ack;
                synchronized (client) {
                    ack = client.send(HL7.formatted(control));
                }
                if ("AA".equals(MllpClient.acknowledgementCode(ack))) {
                    synchronized (acknowledged) {
                        acknowledged.add(control);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
