package org.adrdstream.study.grid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.lm.ModelFamily;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.training.TrainingConfig;

/**
 * One point of a study grid: what to train (target, family, size), on how many labelled examples, with
 * which seed, by which recipe. Its {@link #id} is a hash of all of that, the renderer and rationale versions
 * and the data's fingerprint, so a rerun recognises what is already done and a change of any input is a new
 * configuration.
 *
 * @param target the fine-tuning target
 * @param family model family
 * @param size   named size
 * @param reasoningBase whether the model starts from a reasoning-oriented base
 * @param scale  labelled training examples (the first {@code scale} of the fixed order; {@link Integer#MAX_VALUE}: all)
 * @param seed   seeds weights, batch order and example sampling of the run
 * @param recipe the training recipe every configuration of the grid shares
 */
public record StudyConfiguration(TrainingTarget target, ModelFamily family, String size, boolean reasoningBase,
                                 int scale, long seed, Recipe recipe) {

    public StudyConfiguration {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(recipe, "recipe");
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, was " + scale);
        }
    }

    /** The id with the built-in rationale generator. */
    public String id(String dataFingerprint) {
        return id(dataFingerprint, RationaleGenerator.VERSION);
    }

    /** 16 hex digits of SHA-256 over the configuration, the renderer and rationale source versions and the data. */
    public String id(String dataFingerprint, String rationaleSource) {
        return RunId.of(describe() + "|" + PromptRenderer.VERSION + "|" + rationaleSource + "|" + dataFingerprint);
    }

    /** The factor levels as a flat map (results.jsonl's {@code configuration}). */
    public Map<String, Object> describe() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("target", target.name());
        entry.put("family", family.name());
        entry.put("size", size);
        if (reasoningBase) { // only when set, so the ids of plain configurations stay what they were
            entry.put("base", "reasoning");
        }
        entry.put("scale", scale == Integer.MAX_VALUE ? "all" : scale);
        entry.put("seed", seed);
        entry.putAll(recipe.describe());
        return entry;
    }

    /** Family and size, e.g. {@code transformer-tiny}. */
    public String model() {
        return family.name().toLowerCase(java.util.Locale.ROOT) + "-" + size + (reasoningBase ? "+reasoning" : "");
    }

    /** The trainer's config for this configuration; the model is named after the configuration id. */
    public TrainingConfig trainingConfig(String id) {
        TrainingConfig base = TrainingConfig.defaults("study-" + id, "1");
        return new TrainingConfig(base.name(), base.version(), target, family, size, recipe.tokenBudget(),
                base.maxVocabulary(), base.minTokenFrequency(), recipe.pretrainEpochs(), recipe.fineTuneEpochs(),
                recipe.batchSize(), recipe.learningRate(), base.positiveWeight(), seed, reasoningBase);
    }

    /**
     * The training recipe a grid shares.
     *
     * @param tokenBudget    prompt token budget
     * @param pretrainEpochs next-token passes over the training histories
     * @param fineTuneEpochs passes over the labelled examples
     * @param batchSize      sequences per step
     * @param learningRate   Adam learning rate
     */
    public record Recipe(int tokenBudget, int pretrainEpochs, int fineTuneEpochs, int batchSize, float learningRate) {

        Map<String, Object> describe() {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("token_budget", tokenBudget);
            entry.put("pretrain_epochs", pretrainEpochs);
            entry.put("fine_tune_epochs", fineTuneEpochs);
            entry.put("batch_size", batchSize);
            entry.put("learning_rate", learningRate);
            return entry;
        }
    }
}
