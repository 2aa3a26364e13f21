package org.adrdstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.pseudonym.Pseudonymiser;

/**
 * The cohort generator's speed and memory: for each format, patients per second writing N patients, next to
 * the baseline of generating the same patients without writing them; and the live heap after garbage
 * collection at N/5 and at N patients, whose ratio shows whether memory grows with the cohort.
 */
final class CohortBenchmark {

    /** Time and memory of writing one cohort in one format (format "none": generation only, the baseline). */
    record Run(String format, int patients, double seconds, double patientsPerSecond, long bytesWritten,
               double liveHeapMiB) {
    }

    private final Path work;
    private final CohortGenerator generator;

    CohortBenchmark(Path work, long seed) {
        this.work = work;
        this.generator = new CohortGenerator(CohortSettings.defaults(seed), Pseudonymiser.withKey("bench-key-0123456789"));
    }

    /** Writes {@code patients} in {@code format} (null: generate only) into a fresh folder, then deletes it. */
    Run run(CohortFormat format, int patients) throws IOException {
        Path out = Files.createTempDirectory(work, "cohort-");
        List<CohortWriter> writers = new ArrayList<>();
        resetPeaks();
        long start = System.nanoTime();
        try {
            if (format != null) {
                writers.add(format.open(out, generator.settings()));
            }
            generator.generate(patients, writers, done -> { });
        } finally {
            CohortWriter.closeAll(writers);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = sizeOf(out);
        double liveHeap = liveHeapAfterCollectionMiB();
        deleteRecursively(out);
        return new Run(format == null ? "none" : format.name().toLowerCase(), patients, seconds, patients / seconds,
                bytes, liveHeap);
    }

    /**
     * Per-format metrics: speed, speed relative to generation alone measured in the same repetition (the
     * "none" run just before it), and memory growth from N/5 to N.
     */
    static Map<String, Map<String, Double>> metrics(List<Run> large, List<Run> small) {
        Map<String, Double> speedRatio = new LinkedHashMap<>();
        double baseline = Double.NaN;
        for (int i = 0; i < large.size(); i++) {
            Run run = large.get(i);
            if (run.format().equals("none")) {
                baseline = run.patientsPerSecond();
            }
            speedRatio.put(run.format() + "#" + i, run.patientsPerSecond() / baseline);
        }
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        for (String format : large.stream().map(Run::format).distinct().toList()) {
            List<Run> runs = large.stream().filter(r -> r.format().equals(format)).toList();
            double smallHeap = small.stream().filter(r -> r.format().equals(format)).mapToDouble(Run::liveHeapMiB)
                    .max().orElse(Double.NaN);
            metrics.put(format + "_seconds", BenchReport.stats(runs, Run::seconds));
            metrics.put(format + "_patients_per_s", BenchReport.stats(runs, Run::patientsPerSecond));
            metrics.put(format + "_speed_vs_generation_only", BenchReport.stats(runs,
                    r -> speedRatio.get(r.format() + "#" + large.indexOf(r))));
            metrics.put(format + "_mib_written", BenchReport.stats(runs, r -> r.bytesWritten() / (1024.0 * 1024)));
            metrics.put(format + "_live_heap_mib", BenchReport.stats(runs, Run::liveHeapMiB));
            metrics.put(format + "_live_heap_growth_n_vs_n5", BenchReport.stats(runs, r -> r.liveHeapMiB() / smallHeap));
        }
        return metrics;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Heap in use after the most recent collection during the run: what the run keeps alive. */
    private static double liveHeapAfterCollectionMiB() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used / (1024.0 * 1024);
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
