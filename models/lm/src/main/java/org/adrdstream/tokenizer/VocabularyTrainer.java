package org.adrdstream.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.adrdstream.prompt.PromptRenderer;

/**
 * Trains the platform's word-level tokenizer from rendered prompts and writes it as a Hugging Face
 * {@code tokenizer.json} (WordLevel model, whitespace pre-tokenizer: one prompt token is one model token).
 *
 * <p>The vocabulary is the special tokens, the answer tokens, then corpus tokens seen at least
 * {@code minFrequency} times, most frequent first (ties alphabetical), up to {@code maxSize}: the same corpus
 * always gives the same ids. Anything else encodes as {@link #UNKNOWN}.
 */
public final class VocabularyTrainer {

    public static final String PADDING = "[PAD]";
    public static final String UNKNOWN = "[UNK]";
    private static final List<String> RESERVED = List.of(PADDING, UNKNOWN, PromptRenderer.ANSWER_YES,
            PromptRenderer.ANSWER_NO);

    private final Map<String, Integer> counts = new HashMap<>();
    private final int maxSize;
    private final int minFrequency;

    public VocabularyTrainer(int maxSize, int minFrequency) {
        if (maxSize < RESERVED.size() + 1 || minFrequency < 1) {
            throw new IllegalArgumentException("vocabulary needs room beyond the " + RESERVED.size()
                    + " reserved tokens and a minimum frequency of at least 1");
        }
        this.maxSize = maxSize;
        this.minFrequency = minFrequency;
    }

    /** Counts the tokens of one training sequence. */
    public void add(List<String> tokens) {
        for (String token : tokens) {
            counts.merge(token, 1, Integer::sum);
        }
    }

    /** Token to id, in id order. */
    public Map<String, Integer> vocabulary() {
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        RESERVED.forEach(token -> vocabulary.put(token, vocabulary.size()));
        List<Map.Entry<String, Integer>> frequent = new ArrayList<>(counts.entrySet());
        frequent.removeIf(e -> e.getValue() < minFrequency || vocabulary.containsKey(e.getKey()));
        frequent.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Integer> entry : frequent) {
            if (vocabulary.size() == maxSize) {
                break;
            }
            vocabulary.put(entry.getKey(), vocabulary.size());
        }
        return vocabulary;
    }

    /** Writes {@code tokenizer.json} and returns the vocabulary size. */
    public int writeTo(Path file) throws IOException {
        Map<String, Integer> vocabulary = vocabulary();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", List.of(special(PADDING, 0), special(UNKNOWN, 1)));
        json.put("normalizer", null);
        json.put("pre_tokenizer", Map.of("type", "WhitespaceSplit"));
        json.put("post_processor", null);
        json.put("decoder", null);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "WordLevel");
        model.put("vocab", vocabulary);
        model.put("unk_token", UNKNOWN);
        json.put("model", model);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        return vocabulary.size();
    }

    private static Map<String, Object> special(String content, int id) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", id);
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", false);
        token.put("special", true);
        return token;
    }
}
