package org.adrdstream.study.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.adrdstream.evaluation.Bootstrap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's PNG plots (XChart, headless): ROC curves per target (vertical average over the target's
 * configurations at the largest scale), mean AUROC against data scale per target with its 95 % interval, and
 * calibration curves (10 equal-width bins, pooled over the target's configurations at the largest scale).
 */
final class StudyPlots {

    static final String ROC = "roc.png";
    static final String AUROC_BY_SCALE = "auroc-by-scale.png";
    static final String CALIBRATION = "calibration.png";
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0x7f7f7f), new Color(0x17becf),
            new Color(0xe377c2), new Color(0xbcbd22), Color.BLACK, new Color(0xaec7e8)};
    private static final int ROC_POINTS = 101;

    private StudyPlots() {
    }

    static void write(Path out, StudyTables tables, boolean[] positive) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, List<ScoredRun>> byTarget = tables.byTarget();
        roc(out.resolve(ROC), byTarget, positive);
        aurocByScale(out.resolve(AUROC_BY_SCALE), byTarget, tables);
        calibration(out.resolve(CALIBRATION), byTarget, positive);
    }

    private static void roc(Path file, Map<String, List<ScoredRun>> byTarget, boolean[] positive) throws IOException {
        XYChart chart = chart("ROC on the test set (largest scale; mean over configurations)", "false positive rate",
                "true positive rate");
        double[] grid = new double[ROC_POINTS];
        for (int i = 0; i < ROC_POINTS; i++) {
            grid[i] = i / (double) (ROC_POINTS - 1);
        }
        for (Map.Entry<String, List<ScoredRun>> target : byTarget.entrySet()) {
            double[] mean = new double[ROC_POINTS];
            List<ScoredRun> largest = largestScale(target.getValue());
            for (ScoredRun run : largest) {
                double[] tpr = RocCurve.truePositiveRates(run.scores(), positive, grid);
                for (int i = 0; i < ROC_POINTS; i++) {
                    mean[i] += tpr[i] / largest.size();
                }
            }
            line(chart, target.getKey(), grid, mean, colour(byTarget, target.getKey()), SeriesLines.SOLID, true);
        }
        line(chart, "chance", new double[] {0, 1}, new double[] {0, 1}, Color.LIGHT_GRAY, SeriesLines.DASH_DASH, true);
        save(chart, file);
    }

    private static void aurocByScale(Path file, Map<String, List<ScoredRun>> byTarget, StudyTables tables) throws IOException {
        XYChart chart = chart("Test AUROC against labelled training examples (mean, 95 % interval dashed)",
                "labelled training examples", "AUROC");
        for (Map.Entry<String, List<ScoredRun>> target : byTarget.entrySet()) {
            Map<Integer, List<ScoredRun>> byScale = StudyTables.group(target.getValue(), ScoredRun::trainExamples);
            List<Integer> scales = byScale.keySet().stream().sorted().toList();
            if (scales.get(0) == 0) {
                continue; // the oracle has no scale
            }
            double[] x = scales.stream().mapToDouble(Integer::doubleValue).toArray();
            double[] mean = new double[x.length];
            double[] low = new double[x.length];
            double[] high = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                Bootstrap.Interval interval = tables.meanAuroc(byScale.get(scales.get(i)));
                mean[i] = interval.estimate();
                low[i] = interval.low();
                high[i] = interval.high();
            }
            Color c = colour(byTarget, target.getKey());
            line(chart, target.getKey(), x, mean, c, SeriesLines.SOLID, true).setMarker(SeriesMarkers.CIRCLE);
            line(chart, target.getKey() + " low", x, low, c, SeriesLines.DASH_DASH, false);
            line(chart, target.getKey() + " high", x, high, c, SeriesLines.DASH_DASH, false);
        }
        save(chart, file);
    }

    private static void calibration(Path file, Map<String, List<ScoredRun>> byTarget, boolean[] positive) throws IOException {
        XYChart chart = chart("Calibration on the test set (largest scale; 10 bins, pooled)", "mean predicted risk",
                "observed rate");
        for (Map.Entry<String, List<ScoredRun>> target : byTarget.entrySet()) {
            double[] predicted = new double[10];
            double[] observed = new double[10];
            int[] counts = new int[10];
            for (ScoredRun run : largestScale(target.getValue())) {
                double[] scores = run.probabilities();
                for (int i = 0; i < scores.length; i++) {
                    int bin = Math.min(9, (int) (scores[i] * 10));
                    predicted[bin] += scores[i];
                    observed[bin] += positive[i] ? 1 : 0;
                    counts[bin]++;
                }
            }
            List<double[]> points = new ArrayList<>();
            for (int b = 0; b < 10; b++) {
                if (counts[b] > 0) {
                    points.add(new double[] {predicted[b] / counts[b], observed[b] / counts[b]});
                }
            }
            line(chart, target.getKey(), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray(), colour(byTarget, target.getKey()),
                    SeriesLines.SOLID, true).setMarker(SeriesMarkers.CIRCLE);
        }
        line(chart, "perfect", new double[] {0, 1}, new double[] {0, 1}, Color.LIGHT_GRAY, SeriesLines.DASH_DASH, true);
        save(chart, file);
    }

    /** One colour per target, the same in every plot. */
    private static Color colour(Map<String, List<ScoredRun>> byTarget, String target) {
        return PALETTE[new java.util.ArrayList<>(byTarget.keySet()).indexOf(target) % PALETTE.length];
    }

    private static List<ScoredRun> largestScale(List<ScoredRun> runs) {
        int largest = runs.stream().map(ScoredRun::trainExamples).max(Comparator.naturalOrder()).orElse(0);
        return runs.stream().filter(r -> r.trainExamples() == largest).toList();
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(1100).height(600).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour,
                                 java.awt.BasicStroke style, boolean inLegend) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(style);
        series.setShowInLegend(inLegend);
        return series;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
