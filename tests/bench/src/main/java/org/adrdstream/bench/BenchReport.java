package org.adrdstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A suite's results: per-metric median, min, max over the repetitions, with the machine and parameters, and
 * for the metrics that have one, the target from DESIGN or the issues and whether the median meets it.
 */
record BenchReport(String suite, Map<String, Object> parameters, Map<String, Map<String, Double>> metrics,
                   List<?> runs, Map<String, Target> targets) {

    BenchReport(String suite, Map<String, Object> parameters, Map<String, Map<String, Double>> metrics, List<?> runs) {
        this(suite, parameters, metrics, runs, Map.of());
    }

    /** A target for a metric's median, e.g. {@code Target.atLeast(0.6)}. */
    record Target(String text, java.util.function.DoublePredicate met) {

        static Target atLeast(double value) {
            return new Target(">= " + value, median -> median >= value);
        }

        static Target atMost(double value) {
            return new Target("<= " + value, median -> median <= value);
        }
    }

    BenchReport withTargets(Map<String, Target> metricTargets) {
        return new BenchReport(suite, parameters, metrics, runs, metricTargets);
    }

    /** The parameters of a run of {@link HistoryBenchmark}, as the history and security suites report them. */
    static Map<String, Object> historyParameters(int events, int patients, int partitions, int repetitions) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("events", events);
        parameters.put("patients", patients);
        parameters.put("partitions", partitions);
        parameters.put("repetitions", repetitions);
        parameters.put("guarantee", "exactly_once_v2");
        return parameters;
    }

    static BenchReport ofHistory(String suite, int events, int patients, int partitions, List<HistoryBenchmark.Run> runs) {
        Map<String, Object> parameters = historyParameters(events, patients, partitions, runs.size());
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("pass_through_events_per_s", stats(runs, HistoryBenchmark.Run::passThroughEventsPerSecond));
        metrics.put("store_floor_events_per_s", stats(runs, HistoryBenchmark.Run::storeFloorEventsPerSecond));
        metrics.put("history_events_per_s", stats(runs, HistoryBenchmark.Run::historyEventsPerSecond));
        metrics.put("history_to_pass_through_ratio", stats(runs, HistoryBenchmark.Run::ratio));
        metrics.put("store_floor_to_pass_through_ratio", stats(runs, HistoryBenchmark.Run::floorRatio));
        metrics.put("history_to_store_floor_ratio", stats(runs, HistoryBenchmark.Run::historyToFloor));
        metrics.put("rocksdb_bytes_per_patient", stats(runs, HistoryBenchmark.Run::rocksDbBytesPerPatient));
        metrics.put("pass_through_app_cpu_us_per_event", stats(runs, HistoryBenchmark.Run::passThroughCpuMicrosPerEvent));
        metrics.put("store_floor_app_cpu_us_per_event", stats(runs, HistoryBenchmark.Run::storeFloorCpuMicrosPerEvent));
        metrics.put("history_app_cpu_us_per_event", stats(runs, HistoryBenchmark.Run::historyCpuMicrosPerEvent));
        return new BenchReport(suite, parameters, metrics, runs).withTargets(Map.of(
                "history_events_per_s", Target.atLeast(50_000), "history_to_pass_through_ratio", Target.atLeast(0.6),
                "rocksdb_bytes_per_patient", Target.atMost(8 * 1024)));
    }

    String table() {
        StringBuilder text = new StringBuilder(String.format("%n%-48s %14s %14s %14s%n", "metric ("
                + parameters.getOrDefault("repetitions", runs.size()) + " runs)", "median", "min", "max"));
        metrics.forEach((name, s) -> {
            text.append(String.format("%-48s %14.2f %14.2f %14.2f", name, s.get("median"), s.get("min"), s.get("max")));
            Target target = targets.get(name);
            if (target != null) {
                text.append("   target ").append(target.text())
                        .append(target.met().test(s.get("median")) ? ": met" : ": NOT MET");
            }
            text.append('\n');
        });
        return text.toString();
    }

    Path writeJson(Path directory) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("suite", suite);
        json.put("time", Instant.now().toString());
        json.put("commit", System.getenv().getOrDefault("ADRD_COMMIT", "unknown"));
        json.put("machine", machine());
        json.put("parameters", parameters);
        json.put("metrics", metrics);
        Map<String, Object> verdicts = new LinkedHashMap<>();
        targets.forEach((name, target) -> verdicts.put(name, Map.of("target", target.text(),
                "met", metrics.containsKey(name) && target.met().test(metrics.get(name).get("median")))));
        json.put("targets", verdicts);
        json.put("runs", runs);
        Path file = directory.resolve(suite + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return file;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return machine;
    }

    /** Median, min, max and count of one metric over the runs. */
    static <R> Map<String, Double> stats(List<R> runs, ToDoubleFunction<R> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        Map<String, Double> stats = new LinkedHashMap<>();
        int n = values.length;
        stats.put("median", n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
        stats.put("min", values[0]);
        stats.put("max", values[n - 1]);
        stats.put("n", (double) n);
        return stats;
    }
}
