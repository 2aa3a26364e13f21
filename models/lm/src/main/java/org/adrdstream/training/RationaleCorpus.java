package org.adrdstream.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.rationale.FaithfulnessChecker;
import org.adrdstream.rationale.Rationale;
import org.adrdstream.rationale.RationaleSource;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.sft.SftSequence;
import org.adrdstream.sft.TargetFormat;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PredictionTask;

/**
 * The rationale text a training run reads, from one {@link RationaleSource}: the checked fine-tuning
 * sequences of the rationale targets, and plain rationale text (a reasoning-oriented base's extra pretraining,
 * a base model's vocabulary).
 */
final class RationaleCorpus {

    private final PredictionTask task;
    private final RationaleSource rationales;

    RationaleCorpus(PredictionTask task, RationaleSource rationales) {
        this.task = task;
        this.rationales = rationales;
    }

    /**
     * The target's sequences, one rationale per training example, each checked first: a rationale that cites
     * anything not in the history at t0, or does not end with the example's answer, is left out. Records
     * {@code rationales_faithful_rate} and {@code answer_token_share} in {@code metrics}.
     */
    List<SftSequence> sequences(TrainingTarget target, List<Example> examples, List<List<String>> prompts,
                                double positiveWeight, Map<String, Double> metrics) {
        FaithfulnessChecker checker = new FaithfulnessChecker(task);
        List<SftSequence> sequences = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            Rationale rationale = rationales.generate(example.history(), example.t0(), example.positive(),
                    TargetFormat.style(target));
            String answer = example.positive() ? PromptRenderer.ANSWER_YES : PromptRenderer.ANSWER_NO;
            List<String> tokens = rationale.tokens();
            if (tokens.isEmpty() || !tokens.get(tokens.size() - 1).equals(answer)
                    || !checker.check(example.history(), example.t0(), rationale).faithful()) {
                rejected++;
                continue;
            }
            sequences.addAll(TargetFormat.sequences(target, prompts.get(i), rationale, example.positive(),
                    example.positive() ? positiveWeight : 1));
        }
        metrics.put("rationales_faithful_rate", 1 - rejected / (double) examples.size());
        metrics.put("answer_token_share", count(sequences, SftSequence.Role.ANSWER)
                / (count(sequences, SftSequence.Role.ANSWER) + count(sequences, SftSequence.Role.RATIONALE)));
        return sequences;
    }

    /**
     * Each training example's prompt, explain cue and rationale, in both styles: label-conditioned, so a model
     * pretrained on it has read the training outcomes as text.
     */
    List<List<String>> text(List<Example> examples, List<List<String>> prompts) {
        List<List<String>> text = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example example = examples.get(i);
            for (RationaleStyle style : RationaleStyle.values()) {
                List<String> sequence = new ArrayList<>(TargetFormat.explainInput(prompts.get(i)));
                sequence.addAll(rationales.generate(example.history(), example.t0(), example.positive(), style).tokens());
                text.add(sequence);
            }
        }
        return text;
    }

    private static double count(List<SftSequence> sequences, SftSequence.Role role) {
        return sequences.stream().mapToLong(s -> s.roles().stream().filter(r -> r == role).count()).sum();
    }
}
