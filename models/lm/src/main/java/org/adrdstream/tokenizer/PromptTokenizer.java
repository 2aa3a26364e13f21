package org.adrdstream.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import org.adrdstream.prompt.PromptRenderer;

/**
 * A model package's {@code tokenizer.json}, loaded through DJL's Hugging Face tokenizers (native, offline):
 * prompt tokens to ids. Thread-safe; close it with the model.
 */
public final class PromptTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final long yes;
    private final long no;
    private final long unknown;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.yes = id(PromptRenderer.ANSWER_YES);
        this.no = id(PromptRenderer.ANSWER_NO);
        this.unknown = id(VocabularyTrainer.UNKNOWN);
    }

    public static PromptTokenizer load(Path tokenizerJson) throws IOException {
        return new PromptTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "addSpecialTokens", "false", "truncation", "false", "padding", "false",
                "modelMaxLength", Integer.toString(Integer.MAX_VALUE))));
    }

    /** Ids of a sequence of prompt tokens (none may contain whitespace). */
    public long[] encode(List<String> tokens) {
        return tokenizer.encode(String.join(" ", tokens)).getIds();
    }

    /** The tokens of a sequence of ids (the inverse of {@link #encode} for tokens in the vocabulary). */
    public List<String> tokens(long[] ids) {
        String text = tokenizer.decode(ids, false);
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    public long id(String token) {
        long[] ids = tokenizer.encode(token).getIds();
        if (ids.length != 1) {
            throw new IllegalArgumentException("'" + token + "' is not one token");
        }
        return ids[0];
    }

    public long yesId() {
        return yes;
    }

    public long noId() {
        return no;
    }

    public long unknownId() {
        return unknown;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
