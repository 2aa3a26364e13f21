package org.adrdstream.study.run;

import java.time.Instant;
import java.util.Map;

/**
 * One line of {@code results.jsonl}: a finished configuration (a model or a baseline) and its test metrics.
 *
 * @param id              the configuration's id (hash of configuration, code versions and data)
 * @param grid            the grid it was run for
 * @param configuration   factor levels and recipe ({@code target} is a training target, {@code LOGISTIC_REGRESSION}
 *                        or {@code ORACLE})
 * @param dataFingerprint {@code StudyData.fingerprint()}
 * @param trainExamples   labelled training examples it saw (0 for the oracle)
 * @param test            test metrics: {@code auroc}, {@code auprc}, {@code brier} with intervals; {@code ece},
 *                        {@code f1} (at the validation-chosen threshold), {@code threshold}; for rationale-decoding
 *                        models {@code generated_rationales_faithful}
 * @param training        what the trainer reported (validation AUROC, answer share of the loss per epoch, time, ...)
 * @param seconds         wall time of the configuration, training and scoring
 * @param model           the model package directory, or {@code null} for baselines
 * @param predictions     the test predictions file, relative to the output directory
 * @param finishedAt      when it finished
 */
public record ConfigurationResult(String id, String grid, Map<String, Object> configuration, String dataFingerprint,
                                  int trainExamples, Map<String, Estimate> test, Map<String, Double> training,
                                  double seconds, String model, String predictions, Instant finishedAt) {

    public String target() {
        return String.valueOf(configuration.get("target"));
    }
}
