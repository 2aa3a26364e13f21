package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.connect.omop.OmopSourceConnector;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adrd connect} as an operator runs it: its own process, a connector properties file whose secret comes
 * from the environment through {@code ${env:...}}, READY once the connector runs, an orderly stop on SIGTERM.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConnectProcessTest {

    @Test
    void connectorFromAPropertiesFileFeedsTheTopicAndStopsInOrder(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        CohortGenerator generator = OmopConnectorTest.write(dir, 12, 5);
        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            Path properties = dir.resolve("omop.properties");
            Files.writeString(properties, String.join("\n",
                    "name=omop-process",
                    "connector.class=" + OmopSourceConnector.class.getName(),
                    "tasks.max=1",
                    "feed.name=synthetic-hospital",
                    "schema.registry.url=" + feed.registry.url(),
                    "pseudonym.key=${env:ADRD_PSEUDONYM_KEY}",
                    "events.topic=" + feed.topics.clinicalEvents().name(),
                    "dead.letter.topic=" + feed.topics.deadLetters().name(),
                    "omop.directory=" + dir.resolve("omop")) + "\n");

            try (ChildJvm connect = ChildJvm.startWithEnvironment(AdrdCommand.class.getName(),
                    java.util.Map.of("ADRD_PSEUDONYM_KEY", FeedFixture.PSEUDONYM_KEY),
                    "connect", "--bootstrap-servers", kafka.bootstrapServers(), "--rest-port", "0",
                    "--offsets-file", dir.resolve("offsets").toString(), properties.toString())) {
                connect.awaitLine("READY"::equals, Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(60)).until(() -> feed.poll().size() >= 5);

                String firstPatient = generator.patient(0).identity().pseudonym();
                assertThat(feed.eventsRead).extracting(e -> e.getPatientId()).contains(firstPatient);
                assertThat(connect.terminate(Duration.ofSeconds(60))).as("exit on SIGTERM").isIn(0, 143);
                assertThat(connect.output()).contains("Stopping adrd connect...").contains("adrd connect stopped.");
            }
        }
    }
}
