package org.adrdstream.study.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a study's work list into an output directory, resumably (docs/study.md, "Grid runner"): each run's
 * result is keyed by its id in {@code results.jsonl}, so a rerun skips what is done, and a crash loses at most
 * the run in progress. Each run gets {@code runs/<id>/} with its own {@code log.txt}. A run that fails is
 * logged and reported, the others go on, and the next invocation tries it again.
 */
public final class ExperimentRunner {

    private final Path out;
    private final ResultsLog results;
    private final Listener listener;

    public ExperimentRunner(Path out, Listener listener) {
        this.out = out;
        this.results = new ResultsLog(out);
        this.listener = listener;
    }

    /**
     * Runs every run not yet in {@code results.jsonl}, at most {@code limit} of them.
     *
     * @return what happened
     */
    public Summary run(List<StudyRun> runs, int limit) throws IOException {
        Map<String, ConfigurationResult> done = results.read();
        List<StudyRun> pending = runs.stream().filter(r -> !done.containsKey(r.id())).toList();
        int toRun = Math.min(limit, pending.size());
        listener.starting(runs.size(), runs.size() - pending.size(), toRun);
        int finished = 0;
        int failed = 0;
        for (StudyRun run : pending.subList(0, toRun)) {
            Path directory = out.resolve("runs").resolve(run.id());
            deleteRecursively(directory); // what a crash left half-written
            Files.createDirectories(directory);
            listener.started(run);
            try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(directory.resolve("log.txt"), StandardCharsets.UTF_8))) {
                log.println("run " + run.id() + ": " + run.describe());
                try {
                    ConfigurationResult result = run.execute(directory, log);
                    results.append(result);
                    finished++;
                    listener.finished(run, result);
                } catch (IOException | RuntimeException e) {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    log.println("FAILED: " + trace);
                    failed++;
                    listener.failed(run, e);
                }
            }
        }
        return new Summary(runs.size(), runs.size() - pending.size(), finished, failed, pending.size() - toRun);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Told of each run as it starts and ends (the command line draws a progress bar with an ETA from it). */
    public interface Listener {

        void starting(int total, int alreadyDone, int toRun);

        void started(StudyRun run);

        void finished(StudyRun run, ConfigurationResult result);

        void failed(StudyRun run, Exception cause);
    }

    /**
     * @param total       runs in the work list
     * @param skipped     already in results.jsonl
     * @param finished    run now and recorded
     * @param failed      run now and failed (logged; tried again next time)
     * @param deferred    left for a later invocation by the limit
     */
    public record Summary(int total, int skipped, int finished, int failed, int deferred) {
    }
}
