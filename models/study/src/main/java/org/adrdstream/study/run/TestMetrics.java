package org.adrdstream.study.run;

import java.util.LinkedHashMap;
import java.util.Map;

import org.adrdstream.evaluation.AveragePrecision;
import org.adrdstream.evaluation.Auroc;
import org.adrdstream.evaluation.Bootstrap;
import org.adrdstream.evaluation.BrierScore;
import org.adrdstream.evaluation.CalibrationError;
import org.adrdstream.evaluation.F1Score;

/**
 * The test metrics of one configuration (docs/study.md, "Metrics"): AUROC and AUPRC of the model's own
 * read-out (calibration must not change a ranking), Brier score and F1 of the calibrated risks, each with a
 * patient-level bootstrap 95 % interval; expected calibration error over 10 bins; and the F1 threshold, chosen
 * on the validation examples and applied unchanged to the test examples.
 */
final class TestMetrics {

    static final int CALIBRATION_BINS = 10;

    private TestMetrics() {
    }

    /**
     * @param scores     the test read-out (log-odds, or the risk for baselines): ranks
     * @param test       the calibrated test risks
     * @param validation the calibrated validation risks (for the F1 threshold)
     */
    static Map<String, Estimate> of(double[] scores, double[] test, boolean[] testPositive, double[] validation,
                                    boolean[] validationPositive, Bootstrap bootstrap) {
        double threshold = F1Score.bestThreshold(validation, validationPositive);
        Map<String, Estimate> metrics = new LinkedHashMap<>();
        metrics.put("auroc", Estimate.of(bootstrap.interval(scores, testPositive, Auroc::of)));
        metrics.put("auprc", Estimate.of(bootstrap.interval(scores, testPositive, AveragePrecision::of)));
        metrics.put("brier", Estimate.of(bootstrap.interval(test, testPositive, BrierScore::of)));
        metrics.put("f1", Estimate.of(bootstrap.interval(test, testPositive, (s, y) -> F1Score.at(s, y, threshold))));
        metrics.put("ece", Estimate.point(CalibrationError.expected(test, testPositive, CALIBRATION_BINS)));
        metrics.put("threshold", Estimate.point(threshold));
        return metrics;
    }
}
