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
}
