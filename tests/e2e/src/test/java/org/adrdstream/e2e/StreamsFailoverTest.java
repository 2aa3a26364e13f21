package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.registry.server.EmbeddedSchemaRegistry;
import org.adrdstream.streams.history.ReferenceHistories;
import org.adrdstream.streams.history.SyntheticFeed;
import org.adrdstream.streams.scoring.RiskRecords;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code adrd streams} instances (child processes, one standby replica of every store) share the
 * partitions on the embedded broker, as the Kubernetes StatefulSet runs them (docs/operations.md). One is
 * killed with SIGKILL mid-stream: its partitions move to the other two, every history still ends equal to the
 * independent fold of the raw events, {@code adrd.risk.v1} holds a record for every final history and never
 * two for one (patient, history version), and each surviving instance answers every patient's query with the
 * final history, forwarding to the owner where it does not hold the patient itself.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamsFailoverTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killingOneOfThreeInstancesLosesAndDoublesNothing(EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(120, 12, 23L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            String prefix = TestTopics.unique("fleet") + ".";
            PlatformTopics topics = BrokerFeed.createTopics(kafka, prefix, 6);
            String application = TestTopics.unique("fleet-app");
            List<String> endpoints = List.of("127.0.0.1:" + LocalPorts.free(), "127.0.0.1:" + LocalPorts.free(),
                    "127.0.0.1:" + LocalPorts.free());
            Map<String, PatientHistory> latest = new HashMap<>();
            List<RiskScore> scores = new ArrayList<>();
            try (KafkaConsumer<String, PatientHistory> histories =
                         BrokerFeed.consumer(kafka, registry, topics.patientHistories().name());
                 KafkaConsumer<String, RiskScore> risk = BrokerFeed.consumer(kafka, registry, topics.riskScores().name());
                 ChildJvm a = instance(kafka, registry, prefix, application, state.resolve("a"), endpoints.get(0));
                 ChildJvm b = instance(kafka, registry, prefix, application, state.resolve("b"), endpoints.get(1));
                 ChildJvm c = instance(kafka, registry, prefix, application, state.resolve("c"), endpoints.get(2))) {
                for (ChildJvm instance : List.of(a, b, c)) {
                    instance.awaitLine("READY"::equals, Duration.ofSeconds(120));
                }
                int cut = feed.size() / 2;
                BrokerFeed.produce(kafka, registry, topics, feed.subList(0, cut));
                await().atMost(Duration.ofSeconds(90)).until(() -> BrokerFeed.drain(histories, latest) > 30);
                try (Admin admin = Admin.create(kafka.clientProperties())) {
                    var members = admin.describeConsumerGroups(List.of(application)).all().get()
                            .get(application).members();
                    assertThat(members).as("three instances, each with partitions: the one killed has work to hand over")
                            .hasSize(3).allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
                }
                b.kill(Duration.ofSeconds(30));
                BrokerFeed.produce(kafka, registry, topics, feed.subList(cut, feed.size()));

                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    BrokerFeed.drain(histories, latest);
                    assertThat(latest).hasSize(expected.size());
                    expected.forEach((patient, want) -> assertThat(BrokerFeed.asFolded(latest.get(patient)))
                            .as("history of %s", patient).isEqualTo(want));
                });
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    risk.poll(Duration.ofMillis(200)).forEach(r -> scores.add(r.value()));
                    RiskRecords.assertNoScoringTwice(scores);
                    assertThat(RiskRecords.finalRecords(scores, latest, TASK).keySet())
                            .as("patients scored or given a status").isEqualTo(latest.keySet());
                });
                HttpClient http = HttpClient.newHttpClient();
                for (String survivor : List.of(endpoints.get(0), endpoints.get(2))) {
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        for (Map.Entry<String, PatientHistory> patient : latest.entrySet()) {
                            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + survivor
                                    + "/patients/" + patient.getKey() + "/history")).timeout(Duration.ofSeconds(10)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertThat(answer.statusCode()).as("%s asked %s", patient.getKey(), survivor).isEqualTo(200);
                            JsonNode history = JSON.readTree(answer.body());
                            assertThat(history.path("version").asLong()).isEqualTo(patient.getValue().getVersion());
                        }
                    });
                }
                a.terminate(Duration.ofSeconds(60));
                c.terminate(Duration.ofSeconds(60));
            }
        }
    }

    private static ChildJvm instance(EmbeddedKafkaBroker kafka, EmbeddedSchemaRegistry registry, String prefix,
                                     String application, Path stateDir, String endpoint) {
        return ChildJvm.start(AdrdCommand.class.getName(), "streams", "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry-url", registry.url(), "--state-dir", stateDir.toString(), "--application-id",
                application, "--topic-prefix", prefix, "--replication-factor", "1", "--standby-replicas", "1",
                "--publish-interval-ms", "500", "--query-endpoint", endpoint,
                // a killed member is noticed after its session timeout: keep it at the broker's minimum
                "--streams-property", "session.timeout.ms=6000", "--streams-property", "heartbeat.interval.ms=1500",
                // score every history version, so a duplicate after the fail-over would show
                "--model-registry", stateDir.resolve("models").toString(), "--rescore-interval-s", "0",
                "--scoring-interval-ms", "100", "--device", "cpu");
    }
}
