package org.adrdstream.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.adrdstream.inference.DjlEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptTokenizerTest {

    @Test
    void frequentTokensGetIdsByFrequencyAndRareOnesAreUnknown(@TempDir Path dir) throws Exception {
        DjlEnvironment.configure(1);
        VocabularyTrainer trainer = new VocabularyTrainer(100, 2);
        trainer.add(List.of("age", "70", "dx:I10", "dx:I10", "dx:G30.1"));
        trainer.add(List.of("age", "71", "dx:I10"));
        Path file = dir.resolve("tokenizer.json");

        assertThat(trainer.writeTo(file)).isEqualTo(6);
        assertThat(Files.readString(file)).contains("\"WordLevel\"", "\"WhitespaceSplit\"");
        try (PromptTokenizer tokenizer = PromptTokenizer.load(file)) {
            assertThat(tokenizer.encode(List.of("dx:I10", "age", "dx:G30.1", "yes")))
                    .containsExactly(4, 5, tokenizer.unknownId(), tokenizer.yesId());
            assertThat(tokenizer.unknownId()).isEqualTo(1);
            assertThat(tokenizer.noId()).isEqualTo(3);
        }
    }

    @Test
    void sameCorpusGivesTheSameFile(@TempDir Path dir) throws Exception {
        VocabularyTrainer first = new VocabularyTrainer(100, 1);
        VocabularyTrainer second = new VocabularyTrainer(100, 1);
        List<String> tokens = List.of("b", "a", "c", "a", "b", "d");
        first.add(tokens);
        List<String> reversed = new java.util.ArrayList<>(tokens);
        java.util.Collections.reverse(reversed);
        second.add(reversed);

        first.writeTo(dir.resolve("1.json"));
        second.writeTo(dir.resolve("2.json"));

        assertThat(Files.readString(dir.resolve("1.json"))).isEqualTo(Files.readString(dir.resolve("2.json")));
    }

    @Test
    void javaEncodingOfAWordLevelFileEqualsTheNativeTokenizers(@TempDir Path dir) throws Exception {
        DjlEnvironment.configure(1);
        VocabularyTrainer trainer = new VocabularyTrainer(100, 1);
        trainer.add(List.of("age", "70", "dx:I10", "rx:123", "[UNK]", "x3"));
        Path file = dir.resolve("tokenizer.json");
        trainer.writeTo(file);
        Path lowercased = dir.resolve("lowercased.json");
        Files.writeString(lowercased, Files.readString(file)
                .replaceAll("\"normalizer\"\\s*:\\s*null", "\"normalizer\": {\"type\": \"Lowercase\"}"));
        assertThat(Files.readString(lowercased)).contains("Lowercase");
        List<String> prompt = List.of("age", "71", "dx:I10", "AGE", "rx:123", "[UNK]", "[PAD]", "x3", "yes", "unseen");

        try (PromptTokenizer java = PromptTokenizer.load(file); PromptTokenizer nativeOnly = PromptTokenizer.load(lowercased)) {
            assertThat(java.encodesInJava()).isTrue();
            assertThat(nativeOnly.encodesInJava()).as("a normalizer: not a plain vocabulary").isFalse();
            long[] ids = java.encode(prompt);
            assertThat(ids).containsExactly(nativeIds(file, prompt));
            assertThat(ids[1]).as("a word outside the vocabulary").isEqualTo(java.unknownId());
            assertThat(nativeOnly.encode(prompt)[3]).as("the native tokenizer lowercases").isEqualTo(ids[0]);
            assertThat(java.encode(List.of("age 70", "x3"))).as("a token with a space is split, as natively")
                    .containsExactly(nativeIds(file, List.of("age", "70", "x3")));
        }
    }

    private static long[] nativeIds(Path file, List<String> tokens) throws Exception {
        try (var tokenizer = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(file,
                java.util.Map.of("addSpecialTokens", "false"))) {
            return tokenizer.encode(String.join(" ", tokens)).getIds();
        }
    }
}
