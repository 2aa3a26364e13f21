package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.connect.hl7.MllpClient;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.streams.app.StreamsApp;
import org.adrdstream.streams.app.StreamsAppConfig;
import org.adrdstream.streams.history.HistorySettings;
import org.adrdstream.streams.history.PatientMerges;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HL7 ADT^A40 merge end to end: the MLLP connector, a real Connect worker, broker and registry, and the
 * streams application with scoring. Two patients are registered and scored; an A40 merges the first into the
 * second; a message sent afterwards under the retired identifier still reaches the survivor. The retired
 * pseudonym's history is tombstoned and its last risk record says MERGED; the survivor's history holds both
 * patients' events and is scored.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class PatientMergeTest {

    private static final String ADMIT = "MSH|^~\\&|ADT|H|ADRD|ADRD|20200101||ADT^A04^ADT_A01|%s|P|2.5.1\rEVN|A04\r"
            + "PID|1||%s^^^H&urn:h&URI^MR||Doe^Jane||19400101|F\rDG1|1||%s^dx^I10||%s|A";
    private static final String MERGE = "MSH|^~\\&|ADT|H|ADRD|ADRD|20200601||ADT^A40^ADT_A39|%s|P|2.5.1\rEVN|A40\r"
            + "PID|1||%s^^^H&urn:h&URI^MR||Doe^Jane||19400101|F\rMRG|%s^^^H&urn:h&URI^MR";

    @Test
    void mergedPatientsHistoryMovesToTheSurvivorWhichIsScoredWhileTheRetiredIsTombstoned(EmbeddedKafkaBroker kafka,
                                                                                        @TempDir Path dir) throws Exception {
        Pseudonymiser pseudonyms = Pseudonymiser.withKey(FeedFixture.PSEUDONYM_KEY);
        String retired = pseudonyms.pseudonym("urn:h", "MRN-OLD");
        String survivor = pseudonyms.pseudonym("urn:h", "MRN-NEW");
        int port = LocalPorts.free();
        try (FeedFixture feed = new FeedFixture(kafka, dir);
             StreamsApp streams = new StreamsApp(streamsConfig(feed, dir)).start(Duration.ofSeconds(90));
             KafkaConsumer<String, PatientHistory> historyReader =
                     BrokerFeed.consumer(kafka, feed.registry, feed.topics.patientHistories().name());
             KafkaConsumer<String, RiskScore> riskReader =
                     BrokerFeed.consumer(kafka, feed.registry, feed.topics.riskScores().name())) {
            feed.putConnector("mllp", MllpConnectorTest.mllpConfig(feed, port, 30_000));
            LocalPorts.awaitListening(port);
            Map<String, PatientHistory> histories = new HashMap<>();
            List<RiskScore> scores = new ArrayList<>();
            try (MllpClient client = new MllpClient("127.0.0.1", port, Duration.ofSeconds(30))) {
                assertAccepted(client.send(ADMIT.formatted("A1", "MRN-OLD", "I10", "20190101")));
                assertAccepted(client.send(ADMIT.formatted("A2", "MRN-OLD", "E11.9", "20190301")));
                assertAccepted(client.send(ADMIT.formatted("A3", "MRN-NEW", "E78.5", "20190601")));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    poll(historyReader, histories, riskReader, scores);
                    assertThat(scores).extracting(RiskScore::getPatientId).contains(retired, survivor);
                });

                assertAccepted(client.send(MERGE.formatted("M1", "MRN-NEW", "MRN-OLD")));
                assertAccepted(client.send(ADMIT.formatted("A4", "MRN-OLD", "I63.9", "20200701")));
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                poll(historyReader, histories, riskReader, scores);
                assertThat(histories).containsEntry(retired, null);
                assertThat(histories.get(survivor).getEvents()).filteredOn(e -> e.getKind() == EventKind.DIAGNOSIS)
                        .extracting(HistoryEvent::getCode).extracting(Code::getValue)
                        .containsExactly("I10", "E11.9", "E78.5", "I63.9");
                assertThat(last(scores, retired).getStatus()).isEqualTo(ScoreStatus.MERGED);
                assertThat(last(scores, survivor).getHistoryVersion()).isEqualTo(histories.get(survivor).getVersion());
            });
            assertThat(last(scores, survivor).getStatus()).isEqualTo(ScoreStatus.SCORED);
            assertThat(scores).filteredOn(s -> s.getPatientId().equals(retired))
                    .as("nothing scored for the retired pseudonym after its MERGED record")
                    .last().extracting(RiskScore::getStatus).isEqualTo(ScoreStatus.MERGED);
            feed.poll();
            assertThat(feed.deadLettersRead).isEmpty();
            assertThat(feed.eventsRead).filteredOn(e -> e.getKind() == EventKind.MERGE).singleElement()
                    .satisfies(merge -> {
                        assertThat(merge.getPatientId()).isEqualTo(retired);
                        assertThat(merge.getMergedInto()).isEqualTo(survivor);
                        assertThat(merge.toString()).doesNotContain("MRN-OLD", "MRN-NEW", "Doe");
                    });
        }
    }

    private static StreamsAppConfig streamsConfig(FeedFixture feed, Path dir) {
        String application = TestTopics.unique("merge-app");
        assertThat(PatientMerges.topic(application, feed.topics).partitions())
                .isEqualTo(feed.topics.clinicalEvents().partitions());
        return StreamsAppConfig.defaults(feed.kafka.bootstrapServers(), feed.registry.url(), dir.resolve("state"))
                .withTopics(feed.topics).withApplicationId(application)
                .withHistory(HistorySettings.defaults().withPublishInterval(Duration.ofMillis(200)))
                .withScoring(ScoringSettings.defaults(dir.resolve("models"))
                        .withBatching(16, Duration.ofMillis(100), Duration.ZERO).withDevice("cpu", 1));
    }

    private static void assertAccepted(String ack) {
        assertThat(MllpClient.acknowledgementCode(ack)).as(ack).isEqualTo("AA");
    }

    private static void poll(KafkaConsumer<String, PatientHistory> historyReader, Map<String, PatientHistory> histories,
                             KafkaConsumer<String, RiskScore> riskReader, List<RiskScore> scores) {
        historyReader.poll(Duration.ofMillis(100)).forEach(r -> histories.put(r.key(), r.value()));
        riskReader.poll(Duration.ofMillis(100)).forEach(r -> scores.add(r.value()));
    }

    private static RiskScore last(List<RiskScore> scores, String patient) {
        return scores.stream().filter(s -> s.getPatientId().equals(patient)).reduce((a, b) -> b).orElseThrow();
    }
}
