package org.adrdstream.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.inference.DjlEnvironment;
import org.adrdstream.lm.Architecture;
import org.adrdstream.modelpackage.ModelPackage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adrd bench}: runs a suite side by side with its baseline (history: on an embedded broker; cohort:
 * generation alone), prints a table and writes JSON to {@code --out}. Figures are medians over the
 * repetitions after one warm-up run.
 */
@Command(name = "adrd bench", mixinStandardHelpOptions = true,
        description = "Measures the platform against its baselines in one run; writes a table and JSON.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--suite", defaultValue = "history",
            description = "Suite to run: history (default), cohort, ingest (alias connectors), scoring, latency, "
                    + "training, demo, soak or security.")
    String suite;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the JSON results.")
    Path out;

    @Option(names = "--quick", description = "Small input and one repetition: checks the harness, not the speed.")
    boolean quick;

    @Option(names = "--events", paramLabel = "N", defaultValue = "300000", description = "Events per run (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--patients", paramLabel = "N",
            description = "Patients (default: 20000 for history, 10000 for cohort, 2000 for connectors).")
    Integer patients;

    @Option(names = "--formats", paramLabel = "LIST", split = ",", defaultValue = "events,omop,hl7,fhir",
            description = "Cohort suite: formats to write (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4", description = "Input partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--publish-interval-ms", paramLabel = "MS", defaultValue = "5000",
            description = "History publish interval (default: ${DEFAULT-VALUE}, the application's default).")
    long publishIntervalMs;

    @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "200",
            description = "Exactly-once commit interval of both topologies (default: ${DEFAULT-VALUE}, the application's).")
    long commitIntervalMs;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "History, security and latency suites: stream threads of the applications measured "
                    + "(default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--mllp-senders", paramLabel = "N", defaultValue = "4",
            description = "Connectors suite: concurrent MLLP senders, each waiting for its ACKs (default: ${DEFAULT-VALUE}).")
    int mllpSenders;

    @Option(names = "--torch-threads", paramLabel = "N", defaultValue = "1",
            description = "Scoring and training suites: PyTorch threads, for the models and the peak alike "
                    + "(default: ${DEFAULT-VALUE}).")
    int torchThreads;

    @Option(names = "--rates", paramLabel = "LIST", split = ",", defaultValue = "100,500,2000",
            description = "Latency suite: paced event rates per second (default: ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--publish-intervals-ms", paramLabel = "LIST", split = ",", defaultValue = "250,5000",
            description = "Latency suite: history publish intervals to compare (default: ${DEFAULT-VALUE}; 5000 is the "
                    + "application's default).")
    List<Long> publishIntervals;

    @Option(names = "--scoring-interval-ms", paramLabel = "MS", defaultValue = "200",
            description = "Latency suite: scorer drain interval (default: ${DEFAULT-VALUE}, the application's).")
    long scoringIntervalMs;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "15",
            description = "Latency suite: seconds of paced sending per run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--soak-rate", paramLabel = "N", defaultValue = "4000",
            description = "Soak suite: events per second, twice the nominal 2,000 (default: ${DEFAULT-VALUE}).")
    int soakRate;

    @Option(names = "--soak-minutes", paramLabel = "M", defaultValue = "10",
            description = "Soak suite: minutes of the burst; recovery may take as long again (default: ${DEFAULT-VALUE}).")
    int soakMinutes;

    @Option(names = "--soak-horizon-s", paramLabel = "S", defaultValue = "60",
            description = "Soak suite: the event index's re-send horizon; the soak puts years of each patient's events "
                    + "into minutes, so the horizon is scaled down with them (default: ${DEFAULT-VALUE}).")
    int soakHorizonSeconds;

    /**
     * Events of a quick history or security run: even a quick measurement needs several commits, and a fresh
     * broker passes 20,000 events through in less than one commit interval.
     */
    private static final int QUICK_HISTORY_EVENTS = 200_000;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return switch (suite) {
            case "history" -> history();
            case "cohort" -> cohort();
            case "connectors", "ingest" -> connectors();
            case "scoring" -> scoring();
            case "latency" -> latency();
            case "training" -> training();
            case "demo" -> demo();
            case "soak" -> soak();
            case "security" -> security();
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "Unknown suite '" + suite
                    + "': available suites are: history, cohort, ingest (connectors), scoring, latency, training, demo, "
                    + "soak, security");
        };
    }

    private int history() throws Exception {
        int runEvents = quick ? QUICK_HISTORY_EVENTS : events;
        int runPatients = quick ? 2_000 : patients == null ? 20_000 : patients;
        int runs = quick ? 1 : repetitions;
        Path work = workDirectory();
        PrintWriter console = spec.commandLine().getOut();
        try (EmbeddedCluster cluster = EmbeddedCluster.start(work)) {
            HistoryBenchmark benchmark = new HistoryBenchmark(cluster, work,
                    runEvents, runPatients, partitions, Duration.ofMillis(publishIntervalMs),
                    Duration.ofMillis(commitIntervalMs), threads);
            if (!quick) {
                console.println("warm-up run...");
                console.flush();
                benchmark.run(0);
            }
            List<HistoryBenchmark.Run> results = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                HistoryBenchmark.Run run = benchmark.run(i);
                console.printf("run %d: pass-through %.0f ev/s, store floor %.0f ev/s, history %.0f ev/s, ratio %.2f, "
                                + "%.0f B/patient%n", i, run.passThroughEventsPerSecond(),
                        run.storeFloorEventsPerSecond(), run.historyEventsPerSecond(), run.ratio(),
                        run.rocksDbBytesPerPatient());
                console.flush();
                results.add(run);
            }
            return finish(BenchReport.ofHistory("history", runEvents, runPatients, partitions, results));
        }
    }

    /** Generation speed per format next to generation alone, and live heap at N/5 versus N patients. */
    private int cohort() throws IOException {
        int runPatients = quick ? 500 : patients == null ? 10_000 : patients;
        int runs = quick ? 1 : repetitions;
        List<CohortFormat> chosen = new ArrayList<>();
        for (String format : formats) {
            chosen.add(CohortFormat.valueOf(format.trim().toUpperCase(Locale.ROOT)));
        }
        Path work = workDirectory();
        PrintWriter console = spec.commandLine().getOut();
        CohortBenchmark benchmark = new CohortBenchmark(work, 42);
        benchmark.run(null, Math.min(1_000, runPatients)); // warm-up: class loading and the JIT
        List<CohortBenchmark.Run> large = new ArrayList<>();
        List<CohortBenchmark.Run> small = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            for (CohortFormat format : withBaseline(chosen)) {
                small.add(benchmark.run(format, runPatients / 5));
                CohortBenchmark.Run run = benchmark.run(format, runPatients);
                large.add(run);
                console.printf("run %d: %-6s %6d patients in %6.1f s (%7.0f patients/s), %8.1f MiB written, live heap %.0f MiB%n",
                        i, run.format(), run.patients(), run.seconds(), run.patientsPerSecond(),
                        run.bytesWritten() / (1024.0 * 1024), run.liveHeapMiB());
                console.flush();
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("patients", runPatients);
        parameters.put("formats", formats);
        parameters.put("repetitions", runs);
        Files.deleteIfExists(work);
        return finish(new BenchReport("cohort", parameters, CohortBenchmark.metrics(large, small), large));
    }

    /** Connector throughput next to a bare producer on the same broker, in the same run. */
    private int connectors() throws Exception {
        int runPatients = quick ? 100 : patients == null ? 2_000 : patients;
        int runs = quick ? 1 : repetitions;
        Path work = workDirectory();
        PrintWriter console = spec.commandLine().getOut();
        try (EmbeddedCluster cluster = EmbeddedCluster.start(work)) {
            ConnectorBenchmark benchmark = new ConnectorBenchmark(cluster.bootstrapServers(), cluster.registryUrl(), work,
                    runPatients, mllpSenders);
            List<ConnectorBenchmark.Run> results = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                ConnectorBenchmark.Run run = benchmark.run();
                console.printf("run %d: producer %.0f ev/s, omop %.0f ev/s, fhir ndjson %.0f ev/s, mllp %.0f msg/s (%d senders)%n",
                        i, run.producerEventsPerSecond(), run.omopEventsPerSecond(), run.fhirEventsPerSecond(),
                        run.mllpMessagesPerSecond(), mllpSenders);
                console.flush();
                results.add(run);
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("patients", runPatients);
            parameters.put("omop_events", results.get(0).omopEvents());
            parameters.put("fhir_events", results.get(0).fhirEvents());
            parameters.put("mllp_messages", results.get(0).mllpMessages());
            parameters.put("mllp_senders", mllpSenders);
            parameters.put("repetitions", runs);
            Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
            metrics.put("producer_events_per_s", BenchReport.stats(results, ConnectorBenchmark.Run::producerEventsPerSecond));
            metrics.put("omop_events_per_s", BenchReport.stats(results, ConnectorBenchmark.Run::omopEventsPerSecond));
            metrics.put("omop_vs_producer", BenchReport.stats(results, r -> r.omopEventsPerSecond() / r.producerEventsPerSecond()));
            metrics.put("fhir_ndjson_events_per_s", BenchReport.stats(results, ConnectorBenchmark.Run::fhirEventsPerSecond));
            metrics.put("fhir_vs_producer", BenchReport.stats(results, r -> r.fhirEventsPerSecond() / r.producerEventsPerSecond()));
            metrics.put("mllp_messages_per_s", BenchReport.stats(results, ConnectorBenchmark.Run::mllpMessagesPerSecond));
            BenchReport report = new BenchReport("connectors", parameters, metrics, results).withTargets(Map.of(
                    "omop_events_per_s", BenchReport.Target.atLeast(20_000),
                    "fhir_ndjson_events_per_s", BenchReport.Target.atLeast(20_000),
                    "mllp_messages_per_s", BenchReport.Target.atLeast(2_000)));
            return finish(report);
        }
    }

    private static List<CohortFormat> withBaseline(List<CohortFormat> formats) {
        List<CohortFormat> all = new ArrayList<>();
        all.add(null); // generation without writing: the baseline
        all.addAll(formats);
        return all;
    }

    /** Scoring throughput per batch size against one at a time, and as a fraction of the measured matmul peak. */
    private int scoring() throws Exception {
        int runPatients = quick ? 64 : patients == null ? 512 : patients;
        int runs = quick ? 1 : repetitions;
        Path work = workDirectory();
        PrintWriter console = spec.commandLine().getOut();
        DjlEnvironment.configure(torchThreads);
        ScoringBenchmark benchmark = new ScoringBenchmark(work, runPatients);
        Map<String, ModelPackage> packages = new TreeMap<>(benchmark.packages());
        List<ScoringBenchmark.Run> results = new ArrayList<>();
        for (int i = quick ? 1 : 0; i <= runs; i++) { // run 0 is the warm-up
            double peak = ScoringBenchmark.peakGflops();
            for (Map.Entry<String, ModelPackage> model : packages.entrySet()) {
                ScoringBenchmark.Run run = benchmark.measure(model.getKey(), model.getValue(), peak);
                console.printf(Locale.ROOT, "run %d: %-28s seq/s by batch %s, with evidence %.0f patients/s, "
                                + "%.0f%% of the %.1f GFLOP/s peak%n", i, run.model(),
                        Arrays.toString(Arrays.stream(run.sequencesPerSecond()).mapToLong(Math::round).toArray()),
                        run.evidencePatientsPerSecond(), 100 * run.bestFractionOfPeak(), peak);
                console.flush();
                if (i > 0) {
                    results.add(run);
                }
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("patients", runPatients);
        parameters.put("batch_sizes", ScoringBenchmark.BATCH_SIZES);
        parameters.put("torch_threads", torchThreads);
        parameters.put("evidence_candidates", ScoringBenchmark.EVIDENCE_CANDIDATES);
        parameters.put("repetitions", runs);
        return finish(ScoringBenchmark.report(results, packages.keySet(), parameters));
    }

    /** Event → score latency percentiles at paced rates, through history assembly and scoring. */
    private int latency() throws Exception {
        int runPatients = quick ? 200 : patients == null ? 2_000 : patients;
        List<Integer> runRates = quick ? List.of(100) : rates;
        List<Long> intervals = quick ? List.of(250L) : publishIntervals;
        int runSeconds = quick ? 5 : seconds;
        int runs = quick ? 1 : repetitions;
        Path work = workDirectory();
        PrintWriter console = spec.commandLine().getOut();
        List<LatencyBenchmark.Run> results = new ArrayList<>();
        try (EmbeddedCluster cluster = EmbeddedCluster.start(work)) {
            for (long interval : intervals) {
                LatencyBenchmark benchmark = new LatencyBenchmark(cluster.bootstrapServers(), cluster.registryUrl(), work,
                        runPatients, partitions, Duration.ofMillis(interval), Duration.ofMillis(commitIntervalMs),
                        Duration.ofMillis(scoringIntervalMs), threads);
                for (int rate : runRates) {
                    for (int i = 1; i <= runs; i++) {
                        LatencyBenchmark.Run run = benchmark.run(rate, Duration.ofSeconds(runSeconds), i, true);
                        console.printf(Locale.ROOT, "run %d: %-36s %6d scores (%5.0f/s), latency p50 %6.0f ms, "
                                + "p95 %6.0f ms, p99 %6.0f ms%n", i, run.label(), run.scores(), run.scoresPerSecond(),
                                run.p50Ms(), run.p95Ms(), run.p99Ms());
                        console.flush();
                        results.add(run);
                    }
                }
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("patients", runPatients);
        parameters.put("rates", runRates);
        parameters.put("publish_intervals_ms", intervals);
        parameters.put("seconds", runSeconds);
        parameters.put("commit_interval_ms", commitIntervalMs);
        parameters.put("scoring_interval_ms", scoringIntervalMs);
        parameters.put("stream_threads", threads);
        parameters.put("partitions", partitions);
        parameters.put("model", "bundled adrd-default, cpu, 1 PyTorch thread per call, evidence 4 candidates");
        parameters.put("repetitions", runs);
        return finish(LatencyBenchmark.report(results, runRates, intervals, parameters));
    }

    /** One repetition of the security suite: the history suite's figures in plaintext and with TLS and SCRAM. */
    record SecurityRun(HistoryBenchmark.Run plaintext, HistoryBenchmark.Run secured) {
    }

    /**
     * What TLS with SCRAM-SHA-512 costs: the history suite's pass-through and history assembly on a plaintext and
     * on a secured broker in turn, each on a fresh cluster, every repetition (run 0 a warm-up; the order
     * alternates), so each ratio is taken side by side.
     */
    private int security() throws Exception {
        int runEvents = quick ? QUICK_HISTORY_EVENTS : events;
        int runPatients = quick ? 2_000 : patients == null ? 20_000 : patients;
        PrintWriter console = spec.commandLine().getOut();
        List<SecurityRun> results = new ArrayList<>();
        for (int i = quick ? 1 : 0; i <= (quick ? 1 : repetitions); i++) {
            // Which goes first alternates: the JVM keeps warming, and the second of a pair would gain by it.
            boolean securedFirst = i % 2 == 0;
            HistoryBenchmark.Run first = historyOn(securedFirst, i, runEvents, runPatients);
            HistoryBenchmark.Run second = historyOn(!securedFirst, i, runEvents, runPatients);
            SecurityRun run = securedFirst ? new SecurityRun(second, first) : new SecurityRun(first, second);
            console.printf(Locale.ROOT,
                    "run %d: pass-through %.0f → %.0f ev/s secured, history %.0f → %.0f ev/s secured%n",
                    i, run.plaintext().passThroughEventsPerSecond(), run.secured().passThroughEventsPerSecond(),
                    run.plaintext().historyEventsPerSecond(), run.secured().historyEventsPerSecond());
            console.flush();
            if (i > 0) {
                results.add(run);
            }
        }
        Map<String, Object> parameters = BenchReport.historyParameters(runEvents, runPatients, partitions, results.size());
        parameters.put("secured", "SASL_SSL, SCRAM-SHA-512, TLS 1.3 (JDK), self-signed EC P-256");
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("plaintext_pass_through_events_per_s",
                BenchReport.stats(results, r -> r.plaintext().passThroughEventsPerSecond()));
        metrics.put("secured_pass_through_events_per_s",
                BenchReport.stats(results, r -> r.secured().passThroughEventsPerSecond()));
        metrics.put("pass_through_secured_to_plaintext", BenchReport.stats(results,
                r -> r.secured().passThroughEventsPerSecond() / r.plaintext().passThroughEventsPerSecond()));
        metrics.put("plaintext_history_events_per_s",
                BenchReport.stats(results, r -> r.plaintext().historyEventsPerSecond()));
        metrics.put("secured_history_events_per_s",
                BenchReport.stats(results, r -> r.secured().historyEventsPerSecond()));
        metrics.put("history_secured_to_plaintext", BenchReport.stats(results,
                r -> r.secured().historyEventsPerSecond() / r.plaintext().historyEventsPerSecond()));
        return finish(new BenchReport("security", parameters, metrics, results));
    }

    private HistoryBenchmark.Run historyOn(boolean secure, int repetition, int runEvents, int runPatients)
            throws IOException {
        Path work = workDirectory();
        try (EmbeddedCluster cluster = EmbeddedCluster.start(work, secure)) {
            return new HistoryBenchmark(cluster, work, runEvents, runPatients, partitions,
                    Duration.ofMillis(publishIntervalMs), Duration.ofMillis(commitIntervalMs), threads).run(repetition);
        }
    }

    /**
     * Twice the nominal rate for ten minutes through history and scoring: heap after collections, state on disk,
     * lag, risk records and dead letters every 10 s, then how long the lag takes to return to zero.
     */
    private int soak() throws Exception {
        int runPatients = quick ? 100 : patients == null ? 500 : patients;
        Duration burst = quick ? Duration.ofSeconds(20) : Duration.ofMinutes(soakMinutes);
        Duration horizon = Duration.ofSeconds(quick ? 5 : soakHorizonSeconds);
        int rate = quick ? 300 : soakRate;
        Path work = workDirectory();
        PrintWriter console = spec.commandLine().getOut();
        SoakBenchmark.Result result;
        try (EmbeddedCluster cluster = EmbeddedCluster.start(work)) {
            SoakBenchmark soak = new SoakBenchmark(cluster.bootstrapServers(), cluster.registryUrl(), work, runPatients,
                    partitions, horizon);
            console.printf(Locale.ROOT, "%8s %10s %10s %12s %10s %10s %13s %8s %6s %s%n", "second", "sent", "lag",
                    "heap-gc MiB", "state MiB", "index MiB", "index entries", "risk", "DLQ", "state");
            result = soak.run(rate, burst, burst, s -> {
                console.printf(Locale.ROOT, "%8d %10d %10d %12.1f %10.1f %10.1f %13d %8d %6d %s%n", s.second(),
                        s.sent(), s.lag(), s.heapAfterGcMib(), s.stateMib(), s.indexMib(), s.indexEntries(),
                        s.riskRecords(), s.deadLetters(), s.state());
                console.flush();
            });
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("rate", rate);
        parameters.put("burst_seconds", burst.toSeconds());
        parameters.put("patients", runPatients);
        parameters.put("partitions", partitions);
        parameters.put("resend_horizon_seconds", horizon.toSeconds());
        parameters.put("model", "bundled adrd-default, cpu, 1 thread");
        parameters.put("repetitions", 1);
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("recovery_seconds_after_burst", BenchReport.stats(List.of(result), SoakBenchmark.Result::recoverySeconds));
        metrics.put("heap_levels_off", BenchReport.stats(List.of(result), r -> r.heapLevelsOff() ? 1 : 0));
        metrics.put("state_levels_off", BenchReport.stats(List.of(result), r -> r.stateLevelsOff() ? 1 : 0));
        metrics.put("index_entries_level_off", BenchReport.stats(List.of(result), r -> r.indexLevelsOff() ? 1 : 0));
        metrics.put("dead_letters", BenchReport.stats(List.of(result), r -> r.deadLetters()));
        metrics.put("application_running", BenchReport.stats(List.of(result), r -> r.running() ? 1 : 0));
        return finish(new BenchReport("soak", parameters, metrics, List.of(result)).withTargets(Map.of(
                "recovery_seconds_after_burst", BenchReport.Target.atLeast(0), "heap_levels_off", BenchReport.Target.atLeast(1),
                "state_levels_off", BenchReport.Target.atLeast(1), "index_entries_level_off", BenchReport.Target.atLeast(1),
                "dead_letters", BenchReport.Target.atMost(0), "application_running", BenchReport.Target.atLeast(1))));
    }

    /** Training tokens/s per family and size, and the FLOP rate as a fraction of the measured matmul peak. */
    private int training() throws Exception {
        int steps = quick ? 2 : 10;
        int runs = quick ? 1 : repetitions;
        Files.createDirectories(out);
        PrintWriter console = spec.commandLine().getOut();
        DjlEnvironment.configure(torchThreads);
        List<TrainingBenchmark.Run> results = new ArrayList<>();
        List<Architecture> architectures = TrainingBenchmark.architectures(quick);
        for (int i = quick ? 1 : 0; i <= runs; i++) { // run 0 is the warm-up
            double peak = ScoringBenchmark.peakGflops();
            for (Architecture architecture : architectures) {
                TrainingBenchmark.Run run = TrainingBenchmark.run(architecture, steps, peak);
                console.printf(Locale.ROOT, "run %d: %-18s %8.0f tokens/s, %.1f MFLOP/token, %3.0f%% of the "
                        + "%.1f GFLOP/s peak%n", i, run.model(), run.tokensPerSecond(), run.flopsPerToken() / 1e6,
                        100 * run.fractionOfPeak(), peak);
                console.flush();
                if (i > 0) {
                    results.add(run);
                }
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("batch", TrainingBenchmark.BATCH);
        parameters.put("sequence_tokens", TrainingBenchmark.SEQUENCE);
        parameters.put("vocabulary", TrainingBenchmark.VOCABULARY);
        parameters.put("measured_steps", steps);
        parameters.put("torch_threads", torchThreads);
        parameters.put("repetitions", runs);
        return finish(TrainingBenchmark.report(results, architectures, parameters));
    }

    /** Seconds from starting the embedded platform to READY and to the first risk score. */
    private int demo() throws Exception {
        int runs = quick ? 1 : repetitions;
        Path work = workDirectory();
        PrintWriter console = spec.commandLine().getOut();
        DemoBenchmark benchmark = new DemoBenchmark(work);
        List<DemoBenchmark.Run> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            DemoBenchmark.Run run = benchmark.run(i);
            console.printf(Locale.ROOT, "run %d: ready after %.1f s, first risk score after %.1f s%n", i,
                    run.readySeconds(), run.firstScoreSeconds());
            console.flush();
            results.add(run);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("repetitions", runs);
        parameters.put("djl_natives", "already extracted (warm machine)");
        return finish(DemoBenchmark.report(results, parameters));
    }

    /** Creates the output directory and returns a fresh temporary directory for the suite's files. */
    private Path workDirectory() throws IOException {
        Files.createDirectories(out);
        return Files.createTempDirectory("adrd-bench-");
    }

    /** Prints the report's table and writes its JSON to {@code --out}. */
    private int finish(BenchReport report) throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        console.print(report.table());
        console.println("wrote " + report.writeJson(out));
        return 0;
    }
}
