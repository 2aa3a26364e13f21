package org.adrdstream.study.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.adrdstream.evaluation.Bootstrap;
import org.adrdstream.study.run.ConfigurationResult;
import org.adrdstream.study.run.Estimate;
import org.adrdstream.study.run.Predictions;
import org.adrdstream.study.run.ResultsLog;

/**
 * Writes the study's report from {@code results.jsonl} and the runs' test predictions (docs/study.md,
 * "Report"): {@code summary.md} shaped like the study's table (rows: targets; mean AUROC with interval,
 * the paired difference against label-only, AUPRC, Brier, ECE, F1), breakdowns by model and by data scale, the
 * answer share of the loss ("token dilution"), the faithfulness of the rationales models generated, every
 * configuration, and the plots.
 */
public final class StudyReport {

    public static final String SUMMARY = "summary.md";

    private StudyReport() {
    }

    /**
     * @param out       the experiment's output directory (holds results.jsonl and runs/)
     * @param heading   what the report is of (grid, data), one line per entry, printed under the title
     * @param bootstrap resamples and seed for every interval
     * @return the summary file
     */
    public static Path write(Path out, List<String> heading, Bootstrap bootstrap) throws IOException {
        Collection<ConfigurationResult> results = new ResultsLog(out).read().values();
        if (results.isEmpty()) {
            throw new IllegalStateException("no finished configurations in " + out.resolve(ResultsLog.FILE));
        }
        List<ScoredRun> runs = new ArrayList<>();
        for (ConfigurationResult result : results) {
            runs.add(new ScoredRun(result, Predictions.read(out.resolve(result.predictions()))));
        }
        Predictions first = runs.get(0).predictions();
        for (ScoredRun run : runs) {
            if (!run.predictions().patients().equals(first.patients())) {
                throw new IllegalStateException("run " + run.result().id() + " was scored on another test set: results "
                        + "of different data are mixed in " + out);
            }
        }
        StudyTables tables = new StudyTables(runs, first.positive(), bootstrap);
        StringBuilder md = new StringBuilder("# Study results\n\n");
        heading.forEach(line -> md.append(line).append("  \n"));
        long positives = countTrue(first.positive());
        md.append(String.format(Locale.ROOT, "Test set: %d patients, %d with ADRD within the horizon (%.1f %%), shared by every "
                + "configuration. Intervals: patient-level bootstrap, %d resamples, 95 %% percentile.%n%n",
                first.positive().length, positives, 100.0 * positives / first.positive().length, bootstrap.resamples()));
        targets(md, tables);
        breakdown(md, "By model (mean test AUROC)", tables, runs, ScoredRun::model);
        breakdown(md, "By data scale (labelled training examples; mean test AUROC)", tables, runs,
                r -> String.valueOf(r.trainExamples()));
        breakdown(md, "By model and data scale (mean test AUROC)", tables, runs,
                r -> r.model().equals("-") || r.trainExamples() == 0 ? "-" : r.model() + ", n=" + r.trainExamples());
        dilution(md, tables);
        configurations(md, runs, tables);
        md.append(String.format(Locale.ROOT, "%n![ROC](%s)%n%n![AUROC by scale](%s)%n%n![Calibration](%s)%n",
                StudyPlots.ROC, StudyPlots.AUROC_BY_SCALE, StudyPlots.CALIBRATION));
        StudyPlots.write(out, tables, first.positive());
        Path summary = out.resolve(SUMMARY);
        Files.writeString(summary, md, StandardCharsets.UTF_8);
        return summary;
    }

    private static void targets(StringBuilder md, StudyTables tables) {
        md.append("## Targets\n\n| target | configurations | mean AUROC [95 % CI] | Δ AUROC vs LABEL_ONLY, paired [95 % CI] "
                + "| mean AUPRC [95 % CI] | mean Brier [95 % CI] | mean ECE | mean F1 |\n|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<ScoredRun>> target : tables.byTarget().entrySet()) {
            List<ScoredRun> group = target.getValue();
            StudyTables.Pairing pairing = target.getKey().equals(StudyTables.REFERENCE) ? null : tables.pairedAurocDifference(group);
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.4f | %.3f |%n", target.getKey(),
                    group.size(), interval(tables.meanAuroc(group), "%.3f"),
                    pairing == null ? "–" : interval(pairing.difference(), "%+.3f") + " (" + pairing.pairs() + " pairs)",
                    interval(tables.meanAuprc(group), "%.3f"), interval(tables.meanBrier(group), "%.4f"),
                    StudyTables.meanOf(group, "ece"), StudyTables.meanOf(group, "f1")));
        }
        md.append('\n');
    }

    private static void breakdown(StringBuilder md, String title, StudyTables tables, List<ScoredRun> runs,
                                  java.util.function.Function<ScoredRun, String> key) {
        List<String> targets = new ArrayList<>(tables.byTarget().keySet());
        md.append("## ").append(title).append("\n\n| | ").append(String.join(" | ", targets)).append(" |\n|---|")
                .append("---|".repeat(targets.size())).append('\n');
        for (Map.Entry<String, List<ScoredRun>> row : StudyTables.group(runs, key).entrySet()) {
            if (row.getKey().equals("-") || row.getKey().equals("0")) {
                continue; // baselines without a model, the oracle without a scale
            }
            md.append("| ").append(row.getKey()).append(" |");
            Map<String, List<ScoredRun>> cells = StudyTables.group(row.getValue(), ScoredRun::target);
            for (String target : targets) {
                List<ScoredRun> cell = cells.get(target);
                md.append(' ').append(cell == null ? "" : String.format(Locale.ROOT, "%.3f", StudyTables.meanOf(cell, "auroc")))
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void dilution(StringBuilder md, StudyTables tables) {
        md.append("## Token dilution and generated rationales\n\n| target | answer tokens / target tokens | answer share of the "
                + "loss, first epoch | last epoch | generated test rationales fully faithful |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, List<ScoredRun>> target : tables.byTarget().entrySet()) {
            Map<String, Double> training = target.getValue().get(0).result().training();
            if (!training.containsKey("answer_loss_share_epoch_1")) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %s |%n", target.getKey(),
                    meanTraining(target.getValue(), "answer_token_share"), meanTraining(target.getValue(), "answer_loss_share_epoch_1"),
                    meanTraining(target.getValue(), lastEpoch(training)),
                    target.getValue().get(0).result().test().containsKey("generated_rationales_faithful")
                            ? String.format(Locale.ROOT, "%.3f", StudyTables.meanOf(target.getValue(), "generated_rationales_faithful"))
                            : "– (no rationale at scoring)"));
        }
        md.append("\nLABEL_ONLY trains on the answer token alone (share 1).\n\n");
    }

    private static void configurations(StringBuilder md, List<ScoredRun> runs, StudyTables tables) {
        md.append("## Every configuration\n\n| id | target | model | training examples | seed | AUROC [95 % CI] "
                + "| Δ AUROC vs LABEL_ONLY, paired [95 % CI] | AUPRC | Brier | ECE | F1 | validation AUROC | seconds |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScoredRun run : runs) {
            ConfigurationResult r = run.result();
            Estimate auroc = r.test().get("auroc");
            Double validation = r.training().get("validation_auroc");
            StudyTables.Pairing pairing = r.target().equals(StudyTables.REFERENCE) ? null
                    : tables.pairedAurocDifference(List.of(run));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %.3f [%.3f, %.3f] | %s | %.3f | %.4f | %.4f | %.3f | %s | %.0f |%n",
                    r.id(), r.target(), run.model(), r.trainExamples(), run.seed() == null ? "–" : run.seed(), auroc.value(),
                    auroc.low(), auroc.high(), pairing == null ? "–" : interval(pairing.difference(), "%+.3f"),
                    r.test().get("auprc").value(), r.test().get("brier").value(), r.test().get("ece").value(),
                    r.test().get("f1").value(), validation == null ? "–" : String.format(Locale.ROOT, "%.3f", validation),
                    r.seconds()));
        }
    }

    private static String lastEpoch(Map<String, Double> training) {
        int epochs = (int) training.keySet().stream().filter(k -> k.startsWith("answer_loss_share_epoch_")).count();
        return "answer_loss_share_epoch_" + epochs;
    }

    private static double meanTraining(List<ScoredRun> group, String key) {
        return group.stream().map(r -> r.result().training().get(key)).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String interval(Bootstrap.Interval interval, String format) {
        return String.format(Locale.ROOT, format + " [" + format + ", " + format + "]", interval.estimate(), interval.low(),
                interval.high());
    }

    private static long countTrue(boolean[] values) {
        return java.util.stream.IntStream.range(0, values.length).filter(i -> values[i]).count();
    }
}
