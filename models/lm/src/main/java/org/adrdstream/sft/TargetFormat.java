package org.adrdstream.sft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.rationale.Rationale;
import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.sft.SftSequence.Role;

/**
 * How each fine-tuning target lays out its training sequences and what a model trained on it reads when it
 * scores (docs/study.md, "Targets"). The trainer and {@code RiskModel} both call this class, so a model is
 * always scored in the layout it was trained on.
 *
 * <p>Prompts end with the answer cue ({@code ... question adrd 5y answer}). The layouts, for prompt P,
 * answer A ({@code yes}/{@code no}) and rationale R (which itself ends {@code answer A}):
 * <ul>
 *   <li>{@code LABEL_ONLY}: P A; loss on A.</li>
 *   <li>{@code RATIONALE_FREEFORM}, {@code RATIONALE_STEPWISE}: P with its last token replaced by
 *       {@code explain}, then R; loss on every token of R, pooled (the study's SFT, where the answer is one
 *       token among many: the "token dilution").</li>
 *   <li>{@code ANSWER_WEIGHTED}: as free-form rationale, but the answer's loss is normalised on its own and
 *       added to the rationale's mean loss.</li>
 *   <li>{@code LABEL_THEN_RATIONALE}: P A, then R without its closing {@code answer A}; pooled loss.</li>
 *   <li>{@code MULTITASK} (distilling step by step): two sequences per example, {@code task:label} P A and
 *       {@code task:explain} P' R; the label loss and the rationale loss are normalised separately and added.</li>
 * </ul>
 * The first three targets that end in R decode their rationale greedily before the read-out; the others read
 * the answer straight after the prompt.
 */
public final class TargetFormat {

    /** Replaces the prompt's answer cue for targets that explain before answering. */
    public static final String EXPLAIN_CUE = "explain";
    public static final String LABEL_TASK = "task:label";
    public static final String EXPLAIN_TASK = "task:explain";

    private TargetFormat() {
    }

    /** Whether a model of this target writes a rationale before its answer (and so is decoded at scoring). */
    public static boolean decodesRationale(TrainingTarget target) {
        return switch (target) {
            case RATIONALE_FREEFORM, RATIONALE_STEPWISE, ANSWER_WEIGHTED -> true;
            case LABEL_ONLY, LABEL_THEN_RATIONALE, MULTITASK, BASE -> false;
        };
    }

    /** Whether the target trains on rationales at all. */
    public static boolean usesRationales(TrainingTarget target) {
        return target != TrainingTarget.LABEL_ONLY && target != TrainingTarget.BASE;
    }

    /** The rationale style a target trains on: step-by-step for {@code RATIONALE_STEPWISE}, else free-form. */
    public static RationaleStyle style(TrainingTarget target) {
        return target == TrainingTarget.RATIONALE_STEPWISE ? RationaleStyle.STEPWISE : RationaleStyle.FREEFORM;
    }

    /** Whether the answer and rationale losses are normalised separately (else pooled over all target tokens). */
    public static boolean separateLosses(TrainingTarget target) {
        return target == TrainingTarget.ANSWER_WEIGHTED || target == TrainingTarget.MULTITASK;
    }

    /**
     * What the model reads at scoring, before it answers or (for {@link #decodesRationale}) before it
     * decodes its rationale.
     */
    public static List<String> scoringInput(TrainingTarget target, List<String> prompt) {
        if (decodesRationale(target)) {
            return explainInput(prompt);
        }
        return target == TrainingTarget.MULTITASK ? prefixed(LABEL_TASK, prompt) : prompt;
    }

    /** The training sequences of one example. */
    public static List<SftSequence> sequences(TrainingTarget target, List<String> prompt, Rationale rationale,
                                              boolean positive, double weight) {
        String answer = positive ? PromptRenderer.ANSWER_YES : PromptRenderer.ANSWER_NO;
        if (!usesRationales(target)) {
            return List.of(SftSequence.of(prompt, List.of(answer), List.of(Role.ANSWER), weight));
        }
        List<String> reasons = rationale.tokens();
        if (!reasons.get(reasons.size() - 1).equals(answer)) {
            throw new IllegalArgumentException("the rationale does not end with the answer " + answer);
        }
        return switch (target) {
            case RATIONALE_FREEFORM, RATIONALE_STEPWISE, ANSWER_WEIGHTED ->
                    List.of(SftSequence.of(explainInput(prompt), reasons, rationaleRoles(reasons.size()), weight));
            case LABEL_THEN_RATIONALE -> {
                List<String> targets = new ArrayList<>();
                targets.add(answer);
                targets.addAll(withoutConclusion(reasons));
                List<Role> roles = new ArrayList<>(List.of(Role.ANSWER));
                roles.addAll(Collections.nCopies(targets.size() - 1, Role.RATIONALE));
                yield List.of(SftSequence.of(prompt, targets, roles, weight));
            }
            case MULTITASK -> {
                List<String> explain = new ArrayList<>(withoutConclusion(reasons));
                yield List.of(
                        SftSequence.of(prefixed(LABEL_TASK, prompt), List.of(answer), List.of(Role.ANSWER), weight),
                        SftSequence.of(prefixed(EXPLAIN_TASK, explainInput(prompt)), explain,
                                Collections.nCopies(explain.size(), Role.RATIONALE), weight));
            }
            case LABEL_ONLY, BASE -> throw new IllegalStateException("unreachable");
        };
    }

    /** Every rationale token is a target; its last token, the answer, is the read-out position. */
    private static List<Role> rationaleRoles(int size) {
        List<Role> roles = new ArrayList<>(Collections.nCopies(size - 1, Role.RATIONALE));
        roles.add(Role.ANSWER);
        return roles;
    }

    /** The rationale without its closing {@code answer A}: the answer is trained elsewhere in the layout. */
    private static List<String> withoutConclusion(List<String> reasons) {
        int cue = reasons.lastIndexOf(RationaleGenerator.ANSWER_CUE);
        return reasons.subList(0, cue < 0 ? reasons.size() - 1 : cue);
    }

    /** The prompt with its answer cue replaced by the explain cue: where a rationale begins. */
    public static List<String> explainInput(List<String> prompt) {
        List<String> input = new ArrayList<>(prompt.subList(0, prompt.size() - 1));
        input.add(EXPLAIN_CUE);
        return input;
    }

    private static List<String> prefixed(String prefix, List<String> tokens) {
        List<String> prefixedTokens = new ArrayList<>(tokens.size() + 1);
        prefixedTokens.add(prefix);
        prefixedTokens.addAll(tokens);
        return prefixedTokens;
    }
}
