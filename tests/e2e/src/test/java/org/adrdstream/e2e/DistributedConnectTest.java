package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.adrdstream.embedded.EmbeddedConnect;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.adrdstream.testkit.TestTopics;
import org.eclipse.jetty.util.thread.ShutdownThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two distributed workers of one group ({@code adrd connect --distributed}): a connector handed to either
 * runs, although only the group's leader may write connector configs (the other forwards it to the leader's
 * REST API), and both workers see every connector and task running.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DistributedConnectTest {

    @Test
    void aConnectorGivenToAnyWorkerOfTheGroupRuns(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        OmopConnectorTest.write(dir, 31, 5);
        String group = TestTopics.unique("two-workers");
        try (FeedFixture feed = new FeedFixture(kafka, dir);
             EmbeddedConnect first = EmbeddedConnect.startDistributed(kafka.bootstrapServers(), Map.of(), group, 0, Map.of());
             EmbeddedConnect second = EmbeddedConnect.startDistributed(kafka.bootstrapServers(), Map.of(), group, 0, Map.of())) {
            assertThat(Runtime.getRuntime().removeShutdownHook(ShutdownThread.getInstance()))
                    .as("Jetty's own shutdown hook is gone: it raced the owner's close of the REST server").isFalse();
            // One of the two is not the leader, so one of these puts goes through the leader's REST API.
            first.putConnector("omop-a", omop(feed, dir, "feed-a"), Duration.ofSeconds(90));
            second.putConnector("omop-b", omop(feed, dir, "feed-b"), Duration.ofSeconds(90));

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (EmbeddedConnect worker : List.of(first, second)) {
                    for (String connector : List.of("omop-a", "omop-b")) {
                        var status = worker.status(connector);
                        assertThat(status.connector().state()).as(connector).isEqualTo("RUNNING");
                        assertThat(status.tasks()).as(connector).singleElement()
                                .satisfies(task -> assertThat(task.state()).isEqualTo("RUNNING"));
                    }
                }
            });
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(feed.poll()).extracting(e -> e.getSource().getFeed()).contains("feed-a", "feed-b"));
        }
    }

    private static Map<String, String> omop(FeedFixture feed, Path dir, String feedName) {
        Map<String, String> config = OmopConnectorTest.omopConfig(feed, dir);
        config.put("feed.name", feedName);
        return config;
    }
}
