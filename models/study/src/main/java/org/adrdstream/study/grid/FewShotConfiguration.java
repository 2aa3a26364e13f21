package org.adrdstream.study.grid;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.lm.ModelFamily;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.study.grid.StudyConfiguration.Recipe;
import org.adrdstream.training.TrainingConfig;

/**
 * One few-shot configuration (docs/study.md, "Few-shot"): a base model (pretraining only) prompted with
 * {@code shots} demonstrations of one kind before each query, or none (zero-shot).
 *
 * @param demonstrations what each demonstration shows
 * @param family         model family
 * @param size           named size
 * @param reasoningBase  whether the base also read the training examples' rationales in pretraining
 * @param shots          demonstrations per context (0 for zero-shot)
 * @param seed           seeds the base model and the choice of demonstrations
 * @param pretrainEpochs the base model's passes over the packed training histories
 * @param recipe         the grid's recipe (its epochs are not used)
 */
public record FewShotConfiguration(Demonstrations demonstrations, ModelFamily family, String size,
                                   boolean reasoningBase, int shots, long seed, int pretrainEpochs, Recipe recipe) {

    /** What a demonstration shows: nothing (zero-shot), prompt and answer, or prompt and rationale. */
    public enum Demonstrations { NONE, LABEL, RATIONALE }

    public FewShotConfiguration {
        if ((demonstrations == Demonstrations.NONE) != (shots == 0) || shots < 0) {
            throw new IllegalArgumentException("zero-shot has no demonstrations; the others need at least one");
        }
    }

    /** The row name in the report, e.g. {@code BASE_2_SHOT_RATIONALE} or {@code BASE_ZERO_SHOT}. */
    public String name() {
        return demonstrations == Demonstrations.NONE ? "BASE_ZERO_SHOT" : "BASE_" + shots + "_SHOT_" + demonstrations.name();
    }

    public Map<String, Object> describe() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("target", name());
        entry.put("family", family.name());
        entry.put("size", size);
        if (reasoningBase) {
            entry.put("base", "reasoning");
        }
        entry.put("scale", "all");
        entry.put("seed", seed);
        entry.put("shots", shots);
        entry.put("base_pretrain_epochs", pretrainEpochs);
        entry.putAll(recipe.describe());
        return entry;
    }

    /** As {@link StudyConfiguration#id(String, String)}, for a few-shot arm. */
    public String id(String dataFingerprint, String rationaleSource) {
        return RunId.of("few-shot|" + describe() + "|" + PromptRenderer.VERSION + "|" + rationaleSource + "|"
                + dataFingerprint);
    }

    public String model() {
        return family.name().toLowerCase(Locale.ROOT) + "-" + size + (reasoningBase ? "+reasoning" : "");
    }

    /** The base model's training: pretraining only. */
    public TrainingConfig trainingConfig(String id) {
        TrainingConfig base = TrainingConfig.defaults("study-" + id, "1");
        return new TrainingConfig(base.name(), base.version(), TrainingTarget.BASE, family, size, recipe.tokenBudget(),
                base.maxVocabulary(), base.minTokenFrequency(), pretrainEpochs, 0, recipe.batchSize(),
                recipe.learningRate(), base.positiveWeight(), seed, reasoningBase);
    }
}
