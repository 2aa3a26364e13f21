package org.adrdstream.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.evaluation.Bootstrap;
import org.adrdstream.inference.DjlEnvironment;
import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.rationale.RationaleSource;
import org.adrdstream.snapshot.HistorySnapshots;
import org.adrdstream.study.data.StudyData;
import org.adrdstream.study.data.StudyExamples;
import org.adrdstream.study.grid.Grid;
import org.adrdstream.study.report.StudyReport;
import org.adrdstream.study.run.BaselineRun;
import org.adrdstream.study.run.ConfigurationResult;
import org.adrdstream.study.run.ExperimentRunner;
import org.adrdstream.study.run.FewShotRun;
import org.adrdstream.study.run.LanguageModelRun;
import org.adrdstream.study.run.StudyContext;
import org.adrdstream.study.run.StudyRun;
import org.adrdstream.study.teacher.TeacherRationales;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.topics.PlatformTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adrd experiment}: reruns the study's comparison over a grid (docs/study.md): baselines, then every
 * configuration not yet in {@code <out>/results.jsonl}, then the report and plots.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"Reruns the study (label-only vs rationale fine-tuning, and beyond) over a grid of configurations, "
                + "resumably, and writes results.jsonl, summary.md and plots to --out.",
                "Data: a generated cohort (default), --from-snapshot DIR, or --from-topic with the cluster options."})
final class ExperimentCommand implements Callable<Integer> {

    /** Seeds every bootstrap interval, so a report rebuilt from the same results is the same report. */
    private static final long BOOTSTRAP_SEED = 2606_10279L;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--grid", paramLabel = "quick|default|paper|FILE", defaultValue = "quick",
            description = "Built-in grid or a grid file (default: ${DEFAULT-VALUE}).")
    String gridName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory; rerun with the same one to resume.")
    Path out;

    @Option(names = "--from-snapshot", paramLabel = "DIR", description = "Histories from 'adrd snapshot' files instead of a generated cohort.")
    Path snapshot;

    @Option(names = "--from-topic", description = "Histories from patient.histories.v1, read to its end offsets now.")
    boolean fromTopic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "Kafka cluster (with --from-topic).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry (with --from-topic).")
    String registryUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Prefix of the platform topics.")
    String topicPrefix;

    @Option(names = "--patients", paramLabel = "N", description = "Generated patients (default: the grid's cohort.patients).")
    Integer patients;

    @Option(names = "--cohort-seed", paramLabel = "S", description = "Generated cohort's seed (default: the grid's cohort.seed).")
    Long cohortSeed;

    @Option(names = "--index-date", paramLabel = "random|YYYY-MM-DD",
            description = "Index time rule: a random eligible time per patient, or one calendar date for all (default: the grid's index.date).")
    String indexDate;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "2147483647",
            description = "Run at most K new configurations, then write the report (resume later).")
    int limit;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "PyTorch threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws IOException {
        Grid grid = grid();
        PrintWriter err = spec.commandLine().getErr();
        DjlEnvironment.configure(threads);
        PredictionTask task = new PredictionTask(TaskConfig.defaults());
        long started = System.nanoTime();
        StudyData data = data(grid, task, err);
        err.printf(Locale.ROOT, "%s%n%d training examples (%d positive), %d validation, %d test (%d positive)%n",
                data.source(), data.train().size(), data.train().stream().filter(e -> e.positive()).count(),
                data.validation().size(), data.test().size(), data.test().stream().filter(e -> e.positive()).count());
        Bootstrap bootstrap = new Bootstrap(grid.resamples(), BOOTSTRAP_SEED);
        StudyContext context = new StudyContext(data, task, grid.name(), bootstrap, rationales(grid, task, err));
        List<StudyRun> runs = new ArrayList<>(BaselineRun.all(grid.scales(), context));
        grid.configurations().forEach(configuration -> runs.add(new LanguageModelRun(configuration, context)));
        grid.fewShotConfigurations().forEach(configuration -> runs.add(new FewShotRun(configuration, context)));
        Files.createDirectories(out);
        ExperimentRunner.Summary summary;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("study").setInitialMax(1).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            summary = new ExperimentRunner(out, new BarListener(bar, err)).run(runs, limit);
        }
        List<String> heading = List.of(
                String.format(Locale.ROOT, "Grid `%s`: %d fine-tuned configurations (%d targets × %d models × %d scales × %d seeds), "
                        + "%d few-shot and %d baselines.", grid.name(), grid.configurations().size(), grid.targets().size(),
                        grid.models().size(), grid.scales().size(), grid.seeds().size(), grid.fewShotConfigurations().size(),
                        runs.size() - grid.configurations().size() - grid.fewShotConfigurations().size()),
                "Data: " + data.source() + "; fingerprint `" + data.fingerprint().substring(0, 16) + "`.",
                String.format(Locale.ROOT, "This invocation: %d run, %d already done, %d failed, %d left for later; %.1f min.",
                        summary.finished(), summary.skipped(), summary.failed(), summary.deferred(),
                        (System.nanoTime() - started) / 60e9));
        Path report = StudyReport.write(out, heading, bootstrap);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d of %d runs done (%d failed, %d deferred); report: %s%n",
                summary.skipped() + summary.finished(), summary.total(), summary.failed(), summary.deferred(),
                report.toAbsolutePath());
        return summary.failed() > 0 ? 1 : 0;
    }

    private Grid grid() throws IOException {
        try {
            return Grid.load(gridName);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--grid: " + e.getMessage());
        }
    }

    /** The built-in generator, or the grid's teacher with its key from the environment. */
    private RationaleSource rationales(Grid grid, PredictionTask task, PrintWriter err) {
        Grid.Teacher teacher = grid.teacher();
        if (teacher == null) {
            return new RationaleGenerator(task);
        }
        String key = teacher.apiKeyVariable().isBlank() ? null : System.getenv(teacher.apiKeyVariable());
        if (!teacher.apiKeyVariable().isBlank() && key == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the grid's teacher.api.key.env names $"
                    + teacher.apiKeyVariable() + ", which is not set");
        }
        err.printf(Locale.ROOT, "rationales from the teacher %s at %s%n", teacher.model(), teacher.url());
        return new TeacherRationales(new TeacherRationales.Settings(teacher.url(), teacher.model(), key,
                Duration.ofSeconds(teacher.timeoutSeconds())), task, grid.recipe().tokenBudget());
    }

    private StudyData data(Grid grid, PredictionTask task, PrintWriter err) {
        LocalDate date = grid.indexDate();
        if (indexDate != null) {
            try {
                date = indexDate.equals("random") ? null : LocalDate.parse(indexDate);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--index-date must be 'random' or a date "
                        + "like 2015-01-01, was '" + indexDate + "'");
            }
        }
        if (snapshot != null && fromTopic) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --from-snapshot or --from-topic, not both");
        }
        if (snapshot != null) {
            return StudyExamples.of(byPseudonym(HistorySnapshots.readFiles(snapshot)), task, date, "snapshot " + snapshot.toAbsolutePath(), null);
        }
        if (fromTopic) {
            if (bootstrapServers == null || registryUrl == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--from-topic needs --bootstrap-servers and --schema-registry-url");
            }
            Map<String, Object> props = new HashMap<>();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("schema.registry.url", registryUrl);
            String topic = PlatformTopics.of(topicPrefix, PlatformTopics.DEFAULT_PARTITIONS).patientHistories().name();
            HistorySnapshots.Cut cut = HistorySnapshots.readTopic(props, topic, Duration.ofMinutes(10));
            return StudyExamples.of(byPseudonym(cut.histories()), task, date, "topic " + topic + " at offsets " + cut.endOffsets(), null);
        }
        int n = patients != null ? patients : grid.cohortPatients();
        long seed = cohortSeed != null ? cohortSeed : grid.cohortSeed();
        err.printf(Locale.ROOT, "generating %d patients (seed %d)...%n", n, seed);
        return CohortExamples.study(n, seed, task, date);
    }

    /**
     * Histories read from Kafka or files in pseudonym order: the data fingerprint (and so every run id) follows
     * the order of the examples, and the same content must give the same ids however it was read.
     */
    private static List<PatientHistory> byPseudonym(List<PatientHistory> histories) {
        return histories.stream().sorted(java.util.Comparator.comparing(PatientHistory::getPatientId)).toList();
    }

    /** Progress bar over the runs (with its ETA) and one line per finished run. */
    private record BarListener(ProgressBar bar, PrintWriter err) implements ExperimentRunner.Listener {

        @Override
        public void starting(int total, int alreadyDone, int toRun) {
            bar.maxHint(toRun);
            err.printf(Locale.ROOT, "%d runs in the grid and baselines, %d already done, %d to run now%n", total, alreadyDone, toRun);
        }

        @Override
        public void started(StudyRun run) {
            bar.setExtraMessage(run.label());
        }

        @Override
        public void finished(StudyRun run, ConfigurationResult result) {
            bar.step();
            err.printf(Locale.ROOT, "%n  done %s: test AUROC %.3f [%.3f, %.3f] (%.0f s)%n", run.label(),
                    result.test().get("auroc").value(), result.test().get("auroc").low(), result.test().get("auroc").high(),
                    result.seconds());
        }

        @Override
        public void failed(StudyRun run, Exception cause) {
            bar.step();
            err.printf(Locale.ROOT, "%n  FAILED %s: %s (see runs/%s/log.txt; rerun to try again)%n", run.label(),
                    cause.getMessage(), run.id());
        }
    }
}
