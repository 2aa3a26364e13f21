package org.adrdstream.study.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.adrdstream.evaluation.Auroc;
import org.adrdstream.evaluation.AveragePrecision;
import org.adrdstream.evaluation.Bootstrap;
import org.adrdstream.evaluation.BrierScore;

/**
 * The aggregate numbers of the report: means over configurations with joint patient-level bootstrap
 * intervals (every configuration resampled on the same patients), and paired differences against
 * {@code LABEL_ONLY} for the same model, scale and seed.
 */
final class StudyTables {

    static final String REFERENCE = "LABEL_ONLY";

    private final List<ScoredRun> runs;
    private final boolean[] positive;
    private final Bootstrap bootstrap;

    StudyTables(List<ScoredRun> runs, boolean[] positive, Bootstrap bootstrap) {
        this.runs = runs;
        this.positive = positive;
        this.bootstrap = bootstrap;
    }

    /** Runs grouped by target: baselines, then the fine-tuning targets in their contract's order, then the rest. */
    Map<String, List<ScoredRun>> byTarget() {
        Map<String, List<ScoredRun>> byTarget = new java.util.TreeMap<>(java.util.Comparator.comparingInt(StudyTables::rank)
                .thenComparing(java.util.Comparator.naturalOrder()));
        byTarget.putAll(group(runs, ScoredRun::target));
        return new LinkedHashMap<>(byTarget);
    }

    private static int rank(String target) {
        List<String> order = new ArrayList<>(List.of("LOGISTIC_REGRESSION", "ORACLE"));
        for (org.adrdstream.contract.TrainingTarget t : org.adrdstream.contract.TrainingTarget.values()) {
            order.add(t.name());
        }
        int index = order.indexOf(target);
        return index < 0 ? order.size() : index;
    }

    static <K> Map<K, List<ScoredRun>> group(List<ScoredRun> runs, Function<ScoredRun, K> key) {
        return runs.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
    }

    Bootstrap.Interval meanAuroc(List<ScoredRun> group) {
        return mean(group, ScoredRun::scores, Auroc::of);
    }

    Bootstrap.Interval meanAuprc(List<ScoredRun> group) {
        return mean(group, ScoredRun::scores, AveragePrecision::of);
    }

    Bootstrap.Interval meanBrier(List<ScoredRun> group) {
        return mean(group, ScoredRun::probabilities, BrierScore::of);
    }

    /** Mean over the group of a per-run test number from results.jsonl (no interval). */
    static double meanOf(List<ScoredRun> group, String metric) {
        return group.stream().mapToDouble(r -> r.result().test().get(metric).value()).average().orElse(Double.NaN);
    }

    /**
     * Mean over pairs of AUROC(target run) − AUROC(LABEL_ONLY run of the same model, scale and seed), with a
     * joint interval; {@code null} when no run of the group has a partner.
     */
    Pairing pairedAurocDifference(List<ScoredRun> group) {
        List<double[]> sets = new ArrayList<>();
        for (ScoredRun run : group) {
            runs.stream().filter(r -> r.target().equals(REFERENCE) && r.pairsWith(run)).findFirst().ifPresent(reference -> {
                sets.add(run.scores());
                sets.add(reference.scores());
            });
        }
        if (sets.isEmpty()) {
            return null;
        }
        Bootstrap.Interval interval = bootstrap.joint(sets, positive, (samples, labels) -> {
            double sum = 0;
            for (int i = 0; i < samples.size(); i += 2) {
                sum += Auroc.of(samples.get(i), labels) - Auroc.of(samples.get(i + 1), labels);
            }
            return sum / (samples.size() / 2);
        });
        return new Pairing(interval, sets.size() / 2);
    }

    private Bootstrap.Interval mean(List<ScoredRun> group, Function<ScoredRun, double[]> values,
                                    java.util.function.ToDoubleBiFunction<double[], boolean[]> metric) {
        return bootstrap.joint(group.stream().map(values).toList(), positive, (samples, labels) -> {
            double sum = 0;
            for (double[] sample : samples) {
                sum += metric.applyAsDouble(sample, labels);
            }
            return sum / samples.size();
        });
    }

    /**
     * @param difference mean paired AUROC difference and its interval
     * @param pairs      pairs it averages
     */
    record Pairing(Bootstrap.Interval difference, int pairs) {
    }
}
