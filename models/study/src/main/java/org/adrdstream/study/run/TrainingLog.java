package org.adrdstream.study.run;

import java.io.PrintWriter;
import java.util.Locale;

import org.adrdstream.training.TrainingProgress;

/** A run's training progress in its log file: a line at the end of each phase and every 50 steps. */
final class TrainingLog {

    private TrainingLog() {
    }

    static TrainingProgress to(PrintWriter log) {
        return (phase, done, total, loss) -> {
            if (done == total || done % 50 == 0) {
                log.printf(Locale.ROOT, "%s step %d/%d loss %.4f%n", phase, done, total, loss);
                log.flush();
            }
        };
    }
}
