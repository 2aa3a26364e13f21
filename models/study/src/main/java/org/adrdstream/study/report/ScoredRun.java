package org.adrdstream.study.report;

import java.util.Objects;

import org.adrdstream.study.run.ConfigurationResult;
import org.adrdstream.study.run.Predictions;

/**
 * A finished run with its test predictions, as the report reads it.
 *
 * @param result      its line of results.jsonl
 * @param predictions its test predictions (the shared test order)
 */
record ScoredRun(ConfigurationResult result, Predictions predictions) {

    String target() {
        return result.target();
    }

    String model() {
        Object family = result.configuration().get("family");
        return family == null ? "-" : family.toString().toLowerCase(java.util.Locale.ROOT) + "-" + result.configuration().get("size")
                + ("reasoning".equals(result.configuration().get("base")) ? "+reasoning" : "");
    }

    int trainExamples() {
        return result.trainExamples();
    }

    Object seed() {
        return result.configuration().get("seed");
    }

    /** Whether {@code other} is the same model, scale and seed (the pairing of the paired comparisons). */
    boolean pairsWith(ScoredRun other) {
        return model().equals(other.model()) && trainExamples() == other.trainExamples()
                && Objects.equals(seed(), other.seed());
    }

    /** The read-out that ranks (AUROC, AUPRC, ROC). */
    double[] scores() {
        return predictions.scores();
    }

    /** The calibrated risks (Brier, calibration curves). */
    double[] probabilities() {
        return predictions.probabilities();
    }
}
