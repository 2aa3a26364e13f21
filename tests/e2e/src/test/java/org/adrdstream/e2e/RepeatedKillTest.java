package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.streams.history.ReferenceHistories;
import org.adrdstream.streams.history.SyntheticFeed;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adrd streams} (history assembly and scoring) SIGKILLed ten times at random points while a messy feed
 * of 100,000 events (re-sends, corrections, retractions before and after their events, shuffled order) flows
 * in, and started again on its state directory each time. Afterwards every history equals the independent
 * fold of the raw events, version included, and {@code adrd.risk.v1} read committed holds a record for every
 * patient's final history and never two for one (patient, history version): nothing lost, nothing doubled.
 * {@code -Dadrd.kill.events=N -Dadrd.kill.times=K} change the scale.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RepeatedKillTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());
    private static final int EVENTS = Integer.getInteger("adrd.kill.events", 100_000);
    private static final int KILLS = Integer.getInteger("adrd.kill.times", 10);
    private static final int EVENTS_PER_PATIENT = 40;

    private final Map<String, PatientHistory> latest = new HashMap<>();
    private final List<RiskScore> scores = new ArrayList<>();
    /** History and risk records read so far: how far the application has got. */
    private long output;

    @Test
    void tenKillsAtRandomPointsLoseNothingAndDoubleNothing(EmbeddedKafkaBroker kafka, @TempDir Path state) throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(EVENTS / EVENTS_PER_PATIENT, EVENTS_PER_PATIENT, 23L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        Random random = new Random(31);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            String prefix = TestTopics.unique("kills") + ".";
            PlatformTopics topics = BrokerFeed.createTopics(kafka, prefix, 4);
            String[] args = streamsArgs(kafka, registry, state, prefix);
            try (KafkaConsumer<String, PatientHistory> histories =
                         BrokerFeed.consumer(kafka, registry, topics.patientHistories().name());
                 KafkaConsumer<String, RiskScore> risk = BrokerFeed.consumer(kafka, registry, topics.riskScores().name())) {
                int slice = feed.size() / (KILLS + 1);
                for (int kill = 0; kill < KILLS; kill++) {
                    try (ChildJvm streams = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                        streams.awaitLine("READY"::equals, Duration.ofSeconds(120));
                        BrokerFeed.produce(kafka, registry, topics, feed.subList(kill * slice, (kill + 1) * slice));
                        // A random point: after a random amount of new output, mid-way through the slice.
                        awaitOutput(histories, risk, output + 1 + random.nextInt(Math.max(1, slice / EVENTS_PER_PATIENT)));
                        streams.kill(Duration.ofSeconds(30));
                    }
                }
                BrokerFeed.produce(kafka, registry, topics, feed.subList(KILLS * slice, feed.size()));
                try (ChildJvm last = ChildJvm.start(AdrdCommand.class.getName(), args)) {
                    last.awaitLine("READY"::equals, Duration.ofSeconds(120));
                    BrokerFeed.awaitFolded(histories, latest, expected, Duration.ofMinutes(4));
                    assertThat(latest).hasSize(expected.size());
                    BrokerFeed.awaitScoredOnce(risk, scores, latest, TASK, Duration.ofMinutes(4));
                    last.terminate(Duration.ofSeconds(60));
                }
            }
        }
        System.out.printf("repeated kills: %d events, %d kills, %d histories, %d risk records, none doubled%n",
                feed.size(), KILLS, latest.size(), scores.size());
    }

    private void awaitOutput(KafkaConsumer<String, PatientHistory> histories, KafkaConsumer<String, RiskScore> risk,
                             long target) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
            histories.poll(Duration.ofMillis(20)).forEach(r -> {
                latest.put(r.key(), r.value());
                output++;
            });
            risk.poll(Duration.ofMillis(20)).forEach(r -> {
                scores.add(r.value());
                output++;
            });
            return output >= target;
        });
    }

    private static String[] streamsArgs(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry, Path state,
                                        String prefix) {
        return new String[] {"streams", "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url",
                registry.url(), "--state-dir", state.toString(), "--application-id", TestTopics.unique("kills-app"),
                "--topic-prefix", prefix, "--replication-factor", "1", "--publish-interval-ms", "500",
                // a killed member is noticed after its session timeout: keep it at the broker's minimum
                "--streams-property", "session.timeout.ms=6000", "--streams-property", "heartbeat.interval.ms=1500",
                "--model-registry", state.resolve("models").toString(), "--scoring-interval-ms", "100",
                "--device", "cpu"};
    }
}
