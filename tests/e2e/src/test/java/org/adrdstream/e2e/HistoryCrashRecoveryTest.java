package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.streams.history.ReferenceHistories;
import org.adrdstream.streams.history.SyntheticFeed;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adrd streams} (history assembly and scoring) killed with SIGKILL mid-stream and started again on its
 * state directory: every history ends equal to the independent fold of the raw events, version included, and
 * {@code adrd.risk.v1} read committed holds a record for every patient's final history and never two for one
 * (patient, history version): exactly-once held for both, nothing lost, nothing applied or scored twice.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class HistoryCrashRecoveryTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());

    @Test
    void killedInstanceResumesWithNothingLostOrAppliedTwice(EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(150, 12, 11L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            String prefix = TestTopics.unique("crash") + ".";
            PlatformTopics topics = BrokerFeed.createTopics(kafka, prefix, 4);
            String[] args = {"streams", "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url",
                    registry.url(), "--state-dir", state.toString(), "--application-id", TestTopics.unique("crash-app"),
                    "--topic-prefix", prefix, "--replication-factor", "1", "--publish-interval-ms", "500",
                    // a killed member is noticed after its session timeout: keep it at the broker's minimum
                    "--streams-property", "session.timeout.ms=6000", "--streams-property", "heartbeat.interval.ms=1500",
                    // score every history version, so a duplicate after the crash would show
                    "--model-registry", state.resolve("models").toString(), "--rescore-interval-s", "0",
                    "--scoring-interval-ms", "100", "--device", "cpu"};
            Map<String, PatientHistory> latest = new HashMap<>();
            List<RiskScore> scores = new ArrayList<>();
            try (KafkaConsumer<String, PatientHistory> histories =
                         BrokerFeed.consumer(kafka, registry, topics.patientHistories().name());
                 KafkaConsumer<String, RiskScore> risk = BrokerFeed.consumer(kafka, registry, topics.riskScores().name())) {
                int cut = feed.size() * 3 / 5;
                try (ChildJvm first = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                    first.awaitLine("READY"::equals, Duration.ofSeconds(90));
                    BrokerFeed.produce(kafka, registry, topics, feed.subList(0, cut));
                    await().atMost(Duration.ofSeconds(60)).until(() -> BrokerFeed.drain(histories, latest) > 40);
                    first.kill(Duration.ofSeconds(30));
                }
                BrokerFeed.produce(kafka, registry, topics, feed.subList(cut, feed.size()));
                try (ChildJvm second = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                    second.awaitLine("READY"::equals, Duration.ofSeconds(90));
                    BrokerFeed.awaitFolded(histories, latest, expected, Duration.ofSeconds(120));
                    assertThat(latest).hasSize(expected.size());
                    BrokerFeed.awaitScoredOnce(risk, scores, latest, TASK, Duration.ofSeconds(120));
                    second.terminate(Duration.ofSeconds(60));
                }
            }
        }
    }
}
