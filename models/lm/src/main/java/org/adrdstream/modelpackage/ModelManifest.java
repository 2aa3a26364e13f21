package org.adrdstream.modelpackage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.lm.Architecture;

/**
 * What a model package says about itself ({@code manifest.json}, docs/models.md "Model package").
 *
 * @param name            model name in the registry
 * @param version         version under that name
 * @param architecture    family, size and dimensions
 * @param target          SFT target it was fine-tuned on
 * @param promptVersion   renderer version of its prompts; a scorer with another renderer refuses the package
 * @param tokenBudget     prompt token budget it was trained with (the scorer renders with the same)
 * @param taskCodeList    version of the ADRD code list its labels came from
 * @param training        training configuration, as given (seed, epochs, learning rate, data scale...)
 * @param dataFingerprint SHA-256 over the training examples (pseudonym, t0, label), for provenance
 * @param metrics         validation metrics (AUROC, Brier score...) and counts
 * @param calibration     maps the raw read-out to a probability
 * @param weightsSha256   hex SHA-256 of {@code weights.params}: the model's identity in {@code RiskScore.model}
 * @param tokenizerSha256 hex SHA-256 of {@code tokenizer.json}
 * @param createdAt       when the package was written
 */
public record ModelManifest(String name, String version, Architecture architecture, TrainingTarget target,
                            String promptVersion, int tokenBudget, String taskCodeList, Map<String, Object> training,
                            String dataFingerprint, Map<String, Double> metrics, Calibration calibration,
                            String weightsSha256, String tokenizerSha256, Instant createdAt) {

    public ModelManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(promptVersion, "promptVersion");
        Objects.requireNonNull(calibration, "calibration");
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || !version.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("model name and version may hold letters, digits, '.', '_' and '-' "
                    + "only (they name directories): '" + name + "', '" + version + "'");
        }
    }

    /** The same manifest with the file hashes filled in (the writer computes them last). */
    /** The same model under another registry name and version (e.g. a study configuration put into service). */
    public ModelManifest withIdentity(String newName, String newVersion) {
        return new ModelManifest(newName, newVersion, architecture, target, promptVersion, tokenBudget, taskCodeList,
                training, dataFingerprint, metrics, calibration, weightsSha256, tokenizerSha256, createdAt);
    }

    ModelManifest withHashes(String weights, String tokenizer) {
        return new ModelManifest(name, version, architecture, target, promptVersion, tokenBudget, taskCodeList,
                training, dataFingerprint, metrics, calibration, weights, tokenizer, createdAt);
    }

    /**
     * Platt scaling of the read-out, fitted on the validation split: {@code p = 1 / (1 + exp(-(slope * x + intercept)))}
     * where x is the log-odds of "Yes" against "No" at the answer position. Monotone: AUROC is unchanged.
     */
    public record Calibration(double slope, double intercept) {

        public static final Calibration IDENTITY = new Calibration(1, 0);

        public double probability(double logOdds) {
            return 1 / (1 + Math.exp(-(slope * logOdds + intercept)));
        }

        public double[] probabilities(double[] logOdds) {
            double[] probabilities = new double[logOdds.length];
            for (int i = 0; i < logOdds.length; i++) {
                probabilities[i] = probability(logOdds[i]);
            }
            return probabilities;
        }
    }
}
