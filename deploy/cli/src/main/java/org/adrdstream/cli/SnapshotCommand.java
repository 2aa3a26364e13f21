package org.adrdstream.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.adrdstream.snapshot.HistorySnapshots;
import org.adrdstream.snapshot.SnapshotManifest;
import org.adrdstream.topics.PlatformTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adrd snapshot}: a consistent cut of patient.histories.v1 as Avro files for training. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {"Writes the latest history of every patient, as of the topic's end offsets now, to Avro "
                + "container files with a manifest (offsets, record count, schema fingerprint)."})
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the snapshot to.")
    Path out;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "600",
            description = "Give up if the topic cannot be read to its end within this time (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        String topic = PlatformTopics.of(cluster.topicPrefix, PlatformTopics.DEFAULT_PARTITIONS).patientHistories().name();
        SnapshotManifest manifest = HistorySnapshots.write(
                HistorySnapshots.readTopic(cluster.clientProperties(), topic, Duration.ofSeconds(timeoutSeconds)), out);
        spec.commandLine().getOut().printf("%d histories from %s (offsets %s) written to %s%n", manifest.records(),
                topic, manifest.endOffsets(), out.toAbsolutePath());
        return 0;
    }
}
