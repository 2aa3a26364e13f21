package org.adrdstream.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.adrdstream.embedded.EmbeddedConnect;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;

/**
 * How far a replay's connector has got, from the source offsets the worker committed to its offsets file
 * (read directly: asking the worker's offsets API while the task runs proved unreliable in standalone mode,
 * it could leave offsets unflushed): the replay is finished when every file's last record is committed
 * (offset {@code complete}), or when nothing has moved for a while and every file that produced records is
 * complete (files that produce no records never commit an offset).
 */
final class ReplayProgress {

    /** Long enough for the slowest unit seen (a large Synthea bundle parses in a few seconds). */
    static final Duration IDLE_FINISH = Duration.ofSeconds(30);

    private final EmbeddedConnect connect;
    private final String connector;
    private final Path offsetsFile;
    private final ReplayFiles files;
    private long lastUnits = -1;
    private long lastChange = System.nanoTime();

    ReplayProgress(EmbeddedConnect connect, String connector, Path offsetsFile, ReplayFiles files) {
        this.connect = connect;
        this.connector = connector;
        this.offsetsFile = offsetsFile;
        this.files = files;
    }

    long unitsDone() {
        return committed().values().stream().mapToLong(Progress::units).sum();
    }

    boolean finished() {
        failIfTaskFailed();
        Map<String, Progress> committed = committed();
        long units = committed.values().stream().mapToLong(Progress::units).sum();
        if (units != lastUnits) {
            lastUnits = units;
            lastChange = System.nanoTime();
        }
        boolean allPresentComplete = committed.values().stream().allMatch(Progress::complete);
        if (allPresentComplete && committed.keySet().containsAll(files.unitsByFile().keySet())) {
            return true;
        }
        return allPresentComplete && !committed.isEmpty()
                && System.nanoTime() - lastChange > IDLE_FINISH.toNanos();
    }

    private void failIfTaskFailed() {
        ConnectorStateInfo status = connect.status(connector);
        for (ConnectorStateInfo.TaskState task : status.tasks()) {
            if ("FAILED".equals(task.state())) {
                throw new IllegalStateException("the " + connector + " task failed: " + firstLine(task.trace()));
            }
        }
    }

    private Map<String, Progress> committed() {
        Map<String, Progress> byFile = new HashMap<>();
        for (Map.Entry<Map<String, Object>, Map<String, Object>> entry : SourceOffsetsFile.read(offsetsFile, connector).entrySet()) {
            Map<String, Object> partition = entry.getKey();
            Map<String, Object> offset = entry.getValue();
            Object file = partition.containsKey("file") ? partition.get("file") : partition.get("table");
            Object position = offset.containsKey("unit") ? offset.get("unit") : offset.get("line");
            if (file != null && position instanceof Number number) {
                byFile.put(file.toString(), new Progress(files.unitsOf(number.longValue()),
                        Boolean.TRUE.equals(offset.get("complete"))));
            }
        }
        return byFile;
    }

    private static String firstLine(String trace) {
        return trace == null ? "(no trace)" : trace.lines().findFirst().orElse("");
    }

    private record Progress(long units, boolean complete) {
    }
}
