package org.adrdstream.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rendered prompt: whitespace-free tokens (the tokenizer splits on whitespace only, so one token here is one
 * token for the model) and the history items they came from, with their token spans for attribution.
 *
 * @param version the renderer version that produced it ({@link PromptRenderer#VERSION})
 * @param tokens  the prompt, ending with the answer cue; the model's next token after it is the answer
 * @param items   the history items rendered, in prompt order
 */
public record Prompt(String version, List<String> tokens, List<PromptItem> items) {

    public Prompt {
        Objects.requireNonNull(version, "version");
        tokens = List.copyOf(tokens);
        items = List.copyOf(items);
    }

    /** The prompt as text: tokens joined by single spaces (what the tokenizer encodes). */
    public String text() {
        return String.join(" ", tokens);
    }

    /** The same prompt with one item's tokens removed (occlusion for evidence). */
    public Prompt withoutItem(int index) {
        PromptItem removed = items.get(index);
        int width = removed.end() - removed.start();
        List<String> kept = new ArrayList<>(tokens.subList(0, removed.start()));
        kept.addAll(tokens.subList(removed.end(), tokens.size()));
        List<PromptItem> shifted = new ArrayList<>(items.size() - 1);
        for (int i = 0; i < items.size(); i++) {
            if (i != index) {
                PromptItem item = items.get(i);
                shifted.add(i < index ? item : item.shiftedBy(-width));
            }
        }
        return new Prompt(version, kept, shifted);
    }

    /** The prompt followed by its answer token: a training sequence for label-only fine-tuning. */
    public List<String> withAnswer(boolean positive) {
        List<String> sequence = new ArrayList<>(tokens);
        sequence.add(positive ? PromptRenderer.ANSWER_YES : PromptRenderer.ANSWER_NO);
        return sequence;
    }
}
