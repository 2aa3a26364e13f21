package org.adrdstream.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.adrdstream.lm.Architecture;
import org.adrdstream.lm.ModelFamily;
import org.adrdstream.training.TrainingThroughput;

/**
 * Training throughput per family and size (next-token steps, batch 16, full 193-token sequences, the default
 * model's vocabulary size) next to the matmul peak measured through the same engine and thread count.
 */
final class TrainingBenchmark {

    static final int BATCH = 16;
    static final int SEQUENCE = 193;
    static final int VOCABULARY = 400;

    private TrainingBenchmark() {
    }

    static List<Architecture> architectures(boolean quick) {
        List<Architecture> all = new ArrayList<>();
        for (ModelFamily family : ModelFamily.values()) {
            for (String size : quick ? new String[] {"tiny"} : new String[] {"tiny", "small", "base"}) {
                all.add(Architecture.of(family, size, SEQUENCE, VOCABULARY));
            }
        }
        return all;
    }

    static String name(Architecture architecture) {
        return architecture.family().name().toLowerCase(Locale.ROOT) + "-" + architecture.size();
    }

    static Run run(Architecture architecture, int steps, double peakGflops) {
        double tokensPerSecond = TrainingThroughput.tokensPerSecond(architecture, BATCH, 2, steps);
        double gflops = tokensPerSecond * TrainingThroughput.flopsPerToken(architecture) / 1e9;
        return new Run(name(architecture), tokensPerSecond, TrainingThroughput.flopsPerToken(architecture),
                gflops / peakGflops, peakGflops);
    }

    /** Medians per family and size next to the peak. */
    static BenchReport report(List<Run> runs, List<Architecture> architectures, Map<String, Object> parameters) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        metrics.put("peak_matmul_gflops", BenchReport.stats(runs, Run::peakGflops));
        for (Architecture architecture : architectures) {
            String model = name(architecture);
            List<Run> own = runs.stream().filter(r -> r.model().equals(model)).toList();
            metrics.put(model + " tokens/s", BenchReport.stats(own, Run::tokensPerSecond));
            metrics.put(model + " MFLOP/token", BenchReport.stats(own, r -> r.flopsPerToken() / 1e6));
            metrics.put(model + " fraction of peak", BenchReport.stats(own, Run::fractionOfPeak));
        }
        return new BenchReport("training", parameters, metrics, runs);
    }

    /**
     * One measurement.
     *
     * @param flopsPerToken training FLOPs per token (three forward passes' worth)
     * @param fractionOfPeak achieved FLOP rate over the measured matmul peak
     */
    record Run(String model, double tokensPerSecond, double flopsPerToken, double fractionOfPeak, double peakGflops) {
    }
}
