package org.adrdstream.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.adrdstream.prompt.PromptRenderer;

/**
 * A model package's {@code tokenizer.json}, loaded through DJL's Hugging Face tokenizers (native, offline):
 * prompt tokens to ids. Thread-safe; close it with the model.
 *
 * <p>A word-level file (what {@link VocabularyTrainer} writes: one prompt token is one model token) is also
 * read as a plain vocabulary and, once the native tokenizer has encoded that whole vocabulary to the same ids,
 * encodes in Java: a native call per prompt returns the tokens' strings, offsets and masks besides the ids,
 * and cost a fifth of the scoring stream thread's time (docs/benchmarks.md, "Event → score latency"). Other files, or a
 * vocabulary the native tokenizer disagrees with, encode natively.
 */
public final class PromptTokenizer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PromptTokenizer.class);

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Long> vocabulary;
    private final long yes;
    private final long no;
    private final long unknown;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Long> vocabulary) {
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.yes = id(PromptRenderer.ANSWER_YES);
        this.no = id(PromptRenderer.ANSWER_NO);
        this.unknown = id(VocabularyTrainer.UNKNOWN);
    }

    public static PromptTokenizer load(Path tokenizerJson) throws IOException {
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "addSpecialTokens", "false", "truncation", "false", "padding", "false",
                "modelMaxLength", Integer.toString(Integer.MAX_VALUE)));
        try {
            return new PromptTokenizer(tokenizer, agreedVocabulary(tokenizer, tokenizerJson));
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Ids of a sequence of prompt tokens (none may contain whitespace). */
    public long[] encode(List<String> tokens) {
        if (vocabulary == null) {
            return tokenizer.encode(String.join(" ", tokens)).getIds();
        }
        long[] ids = new long[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            String token = tokens.get(i);
            Long id = vocabulary.get(token);
            if (id == null && !isOneWord(token)) {
                return tokenizer.encode(String.join(" ", tokens)).getIds(); // splits it as the native file says
            }
            ids[i] = id == null ? unknown : id;
        }
        return ids;
    }

    /** Whether {@link #encode} runs in Java (a word-level file whose vocabulary the native tokenizer agreed to). */
    public boolean encodesInJava() {
        return vocabulary != null;
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

    /**
     * A word-level file's vocabulary, if the native tokenizer encodes every word of it, and a word outside
     * it, exactly as the vocabulary says; else null.
     */
    private static Map<String, Long> agreedVocabulary(HuggingFaceTokenizer tokenizer, Path tokenizerJson) throws IOException {
        JsonNode json = new ObjectMapper().readTree(tokenizerJson.toFile());
        JsonNode model = json.path("model");
        if (!"WordLevel".equals(model.path("type").asText()) || !json.path("normalizer").isNull()
                || !"WhitespaceSplit".equals(json.path("pre_tokenizer").path("type").asText())) {
            return null;
        }
        Map<String, Long> vocabulary = new HashMap<>();
        model.path("vocab").fields().forEachRemaining(entry -> vocabulary.put(entry.getKey(), entry.getValue().asLong()));
        JsonNode unknownWord = model.path("unk_token");
        List<String> words = new ArrayList<>(vocabulary.keySet());
        words.add("adrd-stream:unknown-word-probe");
        long[] ids = tokenizer.encode(String.join(" ", words)).getIds();
        boolean agreed = ids.length == words.size() && vocabulary.containsKey(unknownWord.asText())
                && ids[ids.length - 1] == vocabulary.get(unknownWord.asText());
        // A word with whitespace, or an empty one, would change the count of ids: the length check covers it.
        for (int i = 0; agreed && i < words.size() - 1; i++) {
            agreed = ids[i] == vocabulary.get(words.get(i));
        }
        if (!agreed) {
            log.warn("{}: the native tokenizer does not encode the file's vocabulary as written; encoding natively",
                    tokenizerJson);
            return null;
        }
        return Map.copyOf(vocabulary);
    }

    /** Whether the native tokenizer would read {@code token} as exactly one word. */
    private static boolean isOneWord(String token) {
        return !token.isEmpty() && token.chars().noneMatch(Character::isWhitespace);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
