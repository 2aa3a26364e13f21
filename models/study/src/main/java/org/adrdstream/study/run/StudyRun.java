package org.adrdstream.study.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * One unit of a study's work that ends in one line of {@code results.jsonl}: a model configuration or a
 * baseline. Runs with the same id are the same work; the runner skips those already done.
 */
public interface StudyRun {

    /** Stable id: a hash of everything the result depends on. */
    String id();

    /** The factor levels, for results.jsonl and the log. */
    Map<String, Object> describe();

    /** A short human label for progress lines, e.g. {@code RATIONALE_FREEFORM transformer-tiny n=all seed 1}. */
    String label();

    /**
     * Does the work in {@code directory} (empty, this run's own) and returns its result.
     *
     * @param log this run's log file, for progress and diagnostics
     */
    ConfigurationResult execute(Path directory, PrintWriter log) throws IOException;
}
