package org.adrdstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.adrdstream.cli.AdrdCommand;
import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.adrdstream.testkit.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code adrd generate} then {@code adrd replay}: the generated OMOP extract arrives in clinical.events.v1. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ReplayCommandTest {

    @Test
    void generatedOmopExtractIsReplayedThroughTheConnector(EmbeddedKafkaBroker kafka, @TempDir Path dir) throws Exception {
        assertThat(run("generate", "--patients", "15", "--format", "omop", "--out", dir.toString())).isZero();
        long rows;
        try (Stream<Path> tables = Files.list(dir.resolve("omop"))) {
            rows = tables.mapToLong(ReplayCommandTest::dataRows).sum();
        }

        try (FeedFixture feed = new FeedFixture(kafka, dir)) {
            String prefix = feed.topics.clinicalEvents().name().replace("clinical.events.v1", "");
            int code = run("replay", "--format", "omop", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--schema-registry-url", feed.registry.url(), "--topic-prefix", prefix, dir.resolve("omop").toString());

            assertThat(code).isZero();
            // The replay returned once every row was committed: the events are all there to read.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (feed.eventsRead.size() < rows && System.nanoTime() < deadline) {
                feed.poll();
            }
            assertThat(feed.eventsRead).hasSize((int) rows);
            assertThat(feed.deadLettersRead).isEmpty();
        }
    }

    @Test
    void hl7ReplayNeedsAListener(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        CommandLine line = AdrdCommand.commandLine(Map.of());
        line.setErr(new PrintWriter(err, true));

        int code = line.execute("replay", "--format", "hl7", "--bootstrap-servers", "127.0.0.1:1",
                "--schema-registry-url", "http://127.0.0.1:1", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("give --mllp HOST:PORT");
    }

    private static long dataRows(Path table) {
        try {
            return Math.max(0, Files.readAllLines(table).size() - 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int run(String... args) {
        CommandLine line = AdrdCommand.commandLine(Map.of());
        line.setOut(new PrintWriter(new StringWriter(), true));
        return line.execute(args);
    }

}
