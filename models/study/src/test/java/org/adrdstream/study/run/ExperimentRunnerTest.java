package org.adrdstream.study.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

    @TempDir
    Path out;

    private final List<String> executed = new ArrayList<>();

    @Test
    void aRunStoppedAfterKConfigurationsIsCompletedWithoutRedoingThem() throws Exception {
        List<StudyRun> runs = runs(5, -1);

        ExperimentRunner.Summary first = runner().run(runs, 2);
        assertThat(first).isEqualTo(new ExperimentRunner.Summary(5, 0, 2, 0, 3));
        assertThat(executed).containsExactly("r0", "r1");

        executed.clear();
        ExperimentRunner.Summary second = runner().run(runs, Integer.MAX_VALUE);

        assertThat(second).isEqualTo(new ExperimentRunner.Summary(5, 2, 3, 0, 0));
        assertThat(executed).containsExactly("r2", "r3", "r4");
        assertThat(new ResultsLog(out).read()).containsOnlyKeys("r0", "r1", "r2", "r3", "r4");
        assertThat(out.resolve("runs/r3/log.txt")).content().contains("run r3: {target=T3}");
    }

    @Test
    void aLineTornByACrashIsIgnoredAndThatConfigurationRunsAgain() throws Exception {
        List<StudyRun> runs = runs(3, -1);
        runner().run(runs, 2);
        Files.writeString(new ResultsLog(out).file(), "{\"id\":\"r2\",\"grid\":\"g\",\"confi", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        executed.clear();

        runner().run(runs, Integer.MAX_VALUE);

        assertThat(executed).containsExactly("r2");
        assertThat(new ResultsLog(out).read()).containsOnlyKeys("r0", "r1", "r2");
    }

    @Test
    void aFailingConfigurationIsLoggedTheOthersGoOnAndTheNextInvocationRetriesIt() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        ExperimentRunner.Summary summary = new ExperimentRunner(out, listener(failures)).run(runs(3, 1), Integer.MAX_VALUE);

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(failures).hasValue(1);
        assertThat(new ResultsLog(out).read()).containsOnlyKeys("r0", "r2");
        assertThat(out.resolve("runs/r1/log.txt")).content().contains("FAILED").contains("training diverged");

        executed.clear();
        runner().run(runs(3, -1), Integer.MAX_VALUE);
        assertThat(executed).containsExactly("r1");
    }

    @Test
    void theBestModelIsChosenOnValidationNeverOnTest() throws Exception {
        ResultsLog log = new ResultsLog(out);
        log.append(result("a", 0.80, 0.70, "/m/a"));
        log.append(result("b", 0.85, 0.60, "/m/b"));
        log.append(result("baseline", 0.99, 0.99, null));

        assertThat(log.bestByValidationAuroc()).hasValueSatisfying(best -> assertThat(best.id()).isEqualTo("b"));
    }

    private static ConfigurationResult result(String id, double validation, double test, String model) {
        return new ConfigurationResult(id, "g", Map.of("target", "LABEL_ONLY"), "data", 10,
                Map.of("auroc", Estimate.point(test)), Map.of("validation_auroc", validation), 1.0, model,
                "runs/" + id + "/test-predictions.csv", Instant.EPOCH);
    }

    private ExperimentRunner runner() {
        return new ExperimentRunner(out, listener(new AtomicInteger()));
    }

    private List<StudyRun> runs(int count, int failing) {
        List<StudyRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(new FakeRun("r" + i, "T" + i, i == failing));
        }
        return runs;
    }

    private static ExperimentRunner.Listener listener(AtomicInteger failures) {
        return new ExperimentRunner.Listener() {
            @Override
            public void starting(int total, int alreadyDone, int toRun) {
            }

            @Override
            public void started(StudyRun run) {
            }

            @Override
            public void finished(StudyRun run, ConfigurationResult result) {
            }

            @Override
            public void failed(StudyRun run, Exception cause) {
                failures.incrementAndGet();
            }
        };
    }

    /** Records that it ran, writes a file into its directory, and optionally fails like a diverged training. */
    private final class FakeRun implements StudyRun {

        private final String id;
        private final String target;
        private final boolean fails;

        FakeRun(String id, String target, boolean fails) {
            this.id = id;
            this.target = target;
            this.fails = fails;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("target", target);
        }

        @Override
        public String label() {
            return target;
        }

        @Override
        public ConfigurationResult execute(Path directory, PrintWriter log) throws IOException {
            executed.add(id);
            if (fails) {
                throw new IllegalStateException("training diverged (loss NaN)");
            }
            Files.writeString(directory.resolve("test-predictions.csv"), "patient,label,probability\n");
            return new ConfigurationResult(id, "g", describe(), "data", 10, Map.of("auroc", Estimate.point(0.7)),
                    Map.of(), 1.0, null, "runs/" + id + "/test-predictions.csv", Instant.EPOCH);
        }
    }
}
