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
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three {@code adrd streams} instances (child processes, one standby replica of every store) share the
 * partitions on the embedded broker, as the Kubernetes StatefulSet runs them (docs/operations.md); the same
 * with two. One is killed with SIGKILL mid-stream: its partitions move to the others, every history still ends equal to the
 * independent fold of the raw events, {@code adrd.risk.v1} holds a record for every final history and never
 * two for one (patient, history version), and each surviving instance answers every patient's query with the
 * final history, forwarding to the owner where it does not hold the patient itself.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StreamsFailoverTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "one of {0} instances killed")
    @ValueSource(ints = {2, 3})
    void killingOneInstanceLosesAndDoublesNothing(int count, EmbeddedKafkaBroker kafka, @TempDir Path state)
            throws Exception {
        List<ClinicalEvent> feed = SyntheticFeed.generate(120, 12, 23L);
        Map<String, ReferenceHistories.Expected> expected = ReferenceHistories.fold(feed);
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder(kafka.bootstrapServers())
                .storeTopic(TestTopics.unique("_schemas")).build().start()) {
            String prefix = TestTopics.unique("fleet") + ".";
            PlatformTopics topics = BrokerFeed.createTopics(kafka, prefix, 6);
            String application = TestTopics.unique("fleet-app");
            List<String> endpoints = new ArrayList<>();
            List<ChildJvm> instances = new ArrayList<>();
            Map<String, PatientHistory> latest = new HashMap<>();
            List<RiskScore> scores = new ArrayList<>();
            try (KafkaConsumer<String, PatientHistory> histories =
                         BrokerFeed.consumer(kafka, registry, topics.patientHistories().name());
                 KafkaConsumer<String, RiskScore> risk = BrokerFeed.consumer(kafka, registry, topics.riskScores().name())) {
                for (int i = 0; i < count; i++) {
                    endpoints.add("127.0.0.1:" + LocalPorts.free());
                    instances.add(instance(kafka, registry, prefix, application, state.resolve("i" + i), endpoints.get(i)));
                }
                for (ChildJvm instance : instances) {
                    instance.awaitLine("READY"::equals, Duration.ofSeconds(120));
                }
                int cut = feed.size() / 2;
                BrokerFeed.produce(kafka, registry, topics, feed.subList(0, cut));
                await().atMost(Duration.ofSeconds(90)).until(() -> BrokerFeed.drain(histories, latest) > 30);
                awaitEveryInstanceOwnsPartitions(kafka, application, count);
                ChildJvm killed = instances.remove(1);
                String killedEndpoint = endpoints.remove(1);
                killed.kill(Duration.ofSeconds(30));
                BrokerFeed.produce(kafka, registry, topics, feed.subList(cut, feed.size()));

                BrokerFeed.awaitFolded(histories, latest, expected, Duration.ofSeconds(180));
                assertThat(latest).hasSize(expected.size());
                BrokerFeed.awaitScoredOnce(risk, scores, latest, TASK, Duration.ofSeconds(120));
                assertThat(endpoints).doesNotContain(killedEndpoint);
                for (String survivor : endpoints) {
                    assertAnswersEveryPatient(survivor, latest);
                }
                for (ChildJvm survivor : instances) {
                    survivor.terminate(Duration.ofSeconds(60));
                }
            } finally {
                instances.forEach(ChildJvm::close);
            }
        }
    }

    /** Each instance holds partitions: the one to be killed has work to hand over. */
    private static void awaitEveryInstanceOwnsPartitions(EmbeddedKafkaBroker kafka, String application, int count) {
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var members = admin.describeConsumerGroups(List.of(application)).all().get().get(application).members();
                assertThat(members).as("instances, each with partitions").hasSize(count)
                        .allSatisfy(m -> assertThat(m.assignment().topicPartitions()).isNotEmpty());
            });
        }
    }

    /** The instance answers every patient's query with the final history, forwarding where it is not the owner. */
    private static void assertAnswersEveryPatient(String endpoint, Map<String, PatientHistory> latest) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Map.Entry<String, PatientHistory> patient : latest.entrySet()) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://" + endpoint
                        + "/patients/" + patient.getKey() + "/history")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s asked %s", patient.getKey(), endpoint).isEqualTo(200);
                JsonNode history = JSON.readTree(answer.body());
                assertThat(history.path("version").asLong()).isEqualTo(patient.getValue().getVersion());
            }
        });
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
