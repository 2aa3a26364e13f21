package org.adrdstream.sft;

import java.util.List;
import java.util.Objects;

/**
 * One fine-tuning sequence: tokens, and for each token what it is as a prediction target (the loss at
 * token {@code i} is that of predicting it from tokens {@code 0..i-1}).
 *
 * @param tokens prompt-vocabulary tokens
 * @param roles  one per token; the first is always {@link Role#CONTEXT}
 * @param weight the example's loss weight (class balancing)
 */
public record SftSequence(List<String> tokens, List<Role> roles, double weight) {

    public SftSequence {
        tokens = List.copyOf(tokens);
        roles = List.copyOf(roles);
        if (tokens.size() != roles.size() || tokens.isEmpty() || roles.get(0) != Role.CONTEXT) {
            throw new IllegalArgumentException("need one role per token, the first CONTEXT");
        }
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weight must be positive, was " + weight);
        }
    }

    /** What a token is as a prediction target. */
    public enum Role {
        /** Input only: no loss (the prompt, task prefixes, cues). */
        CONTEXT,
        /** A rationale token: trained on by the rationale targets. */
        RATIONALE,
        /** The answer token ({@code yes}/{@code no}): the read-out position. */
        ANSWER
    }

    static SftSequence of(List<String> context, List<String> targets, List<Role> targetRoles, double weight) {
        Objects.requireNonNull(context, "context");
        List<String> tokens = new java.util.ArrayList<>(context);
        tokens.addAll(targets);
        List<Role> roles = new java.util.ArrayList<>(java.util.Collections.nCopies(context.size(), Role.CONTEXT));
        roles.addAll(targetRoles);
        return new SftSequence(tokens, roles, weight);
    }
}
