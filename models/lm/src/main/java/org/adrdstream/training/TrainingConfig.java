package org.adrdstream.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.lm.ModelFamily;

/**
 * How to train one model: pretraining (next token) then fine-tuning on one target (docs/models.md, "Training";
 * docs/study.md, "Targets").
 *
 * @param name              model name in the registry
 * @param version           version to write
 * @param target            the fine-tuning target; {@code BASE}: pretraining only, for few-shot prompting
 * @param family            model family
 * @param size              named size of the family
 * @param tokenBudget       prompt token budget
 * @param maxVocabulary     most tokens in the tokenizer
 * @param minTokenFrequency rarer corpus tokens become [UNK]
 * @param pretrainEpochs    passes of next-token training over the unlabelled histories (0 skips pretraining)
 * @param fineTuneEpochs    passes of fine-tuning over the training examples
 * @param batchSize         sequences per step
 * @param learningRate      Adam learning rate
 * @param positiveWeight    loss weight of positive examples in fine-tuning; 0 means balanced (negatives / positives)
 * @param seed              seeds weights and batch order
 * @param reasoningBase     a "reasoning-oriented" base: pretraining also reads the training examples' rationales
 *                          (both styles, after their prompts) before fine-tuning (docs/study.md)
 */
public record TrainingConfig(String name, String version, TrainingTarget target, ModelFamily family, String size, int tokenBudget,
                             int maxVocabulary, int minTokenFrequency, int pretrainEpochs, int fineTuneEpochs,
                             int batchSize, float learningRate, double positiveWeight, long seed,
                             boolean reasoningBase) {

    public TrainingConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(size, "size");
        // BASE: a pretrained model for few-shot prompting; it has no fine-tuning epochs.
        if (pretrainEpochs < 0 || fineTuneEpochs < (target == TrainingTarget.BASE ? 0 : 1) || batchSize < 1 || learningRate <= 0 || positiveWeight < 0) {
            throw new IllegalArgumentException("invalid training config " + this);
        }
    }

    /** The default model's recipe (docs/models.md, "The default model"). */
    public static TrainingConfig defaults(String name, String version) {
        return new TrainingConfig(name, version, TrainingTarget.LABEL_ONLY, ModelFamily.TRANSFORMER, "tiny", 192, 3000, 3, 1, 3, 32, 2e-3f, 0, 7, false);
    }

    public TrainingConfig withFamily(ModelFamily newFamily, String newSize) {
        return new TrainingConfig(name, version, target, newFamily, newSize, tokenBudget, maxVocabulary, minTokenFrequency,
                pretrainEpochs, fineTuneEpochs, batchSize, learningRate, positiveWeight, seed, reasoningBase);
    }

    public TrainingConfig withTarget(TrainingTarget newTarget) {
        return new TrainingConfig(name, version, newTarget, family, size, tokenBudget, maxVocabulary, minTokenFrequency,
                pretrainEpochs, fineTuneEpochs, batchSize, learningRate, positiveWeight, seed, reasoningBase);
    }

    public TrainingConfig withName(String newName, String newVersion) {
        return new TrainingConfig(newName, newVersion, target, family, size, tokenBudget, maxVocabulary, minTokenFrequency,
                pretrainEpochs, fineTuneEpochs, batchSize, learningRate, positiveWeight, seed, reasoningBase);
    }

    public TrainingConfig withReasoningBase(boolean reasoning) {
        return new TrainingConfig(name, version, target, family, size, tokenBudget, maxVocabulary, minTokenFrequency,
                pretrainEpochs, fineTuneEpochs, batchSize, learningRate, positiveWeight, seed, reasoning);
    }

    public TrainingConfig withEpochs(int pretrain, int fineTune) {
        return new TrainingConfig(name, version, target, family, size, tokenBudget, maxVocabulary, minTokenFrequency,
                pretrain, fineTune, batchSize, learningRate, positiveWeight, seed, reasoningBase);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(name, version, target, family, size, tokenBudget, maxVocabulary, minTokenFrequency,
                pretrainEpochs, fineTuneEpochs, batchSize, learningRate, positiveWeight, newSeed, reasoningBase);
    }

    public TrainingConfig withTokenBudget(int budget) {
        return new TrainingConfig(name, version, target, family, size, budget, maxVocabulary, minTokenFrequency,
                pretrainEpochs, fineTuneEpochs, batchSize, learningRate, positiveWeight, seed, reasoningBase);
    }

    /** As recorded in the package manifest. */
    public Map<String, Object> asManifestEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("target", target.name());
        entry.put("family", family.name());
        entry.put("size", size);
        entry.put("token_budget", tokenBudget);
        entry.put("max_vocabulary", maxVocabulary);
        entry.put("min_token_frequency", minTokenFrequency);
        entry.put("pretrain_epochs", pretrainEpochs);
        entry.put("fine_tune_epochs", fineTuneEpochs);
        entry.put("batch_size", batchSize);
        entry.put("learning_rate", learningRate);
        entry.put("positive_weight", positiveWeight);
        entry.put("seed", seed);
        entry.put("reasoning_base", reasoningBase);
        return entry;
    }
}
