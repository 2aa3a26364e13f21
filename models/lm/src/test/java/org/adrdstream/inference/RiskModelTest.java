package org.adrdstream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;

import org.adrdstream.contract.EvidenceItem;
import org.adrdstream.lm.ModelFamily;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.prompt.Prompt;
import org.adrdstream.prompt.PromptItem;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.training.TrainedModels;
import org.adrdstream.training.TrainingData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskModelTest {

    @TempDir
    static Path dir;
    static Path trained;
    static List<Prompt> prompts;

    @BeforeAll
    static void train() throws IOException {
        TrainingData data = TrainedModels.data(400, 3);
        trained = dir.resolve("model");
        TrainedModels.train(TrainedModels.quick("risk-test").withEpochs(1, 1), data, trained);
        PromptRenderer renderer = new PromptRenderer(TrainedModels.TASK, 64);
        prompts = new ArrayList<>();
        for (Example example : data.validation()) {
            prompts.add(renderer.render(example.history(), example.t0()));
        }
    }

    @Test
    void batchedScoresEqualOneAtATime() throws Exception {
        try (RiskModel batched = RiskModel.load(ModelPackage.open(trained), Device.cpu(), 16);
             RiskModel single = RiskModel.load(ModelPackage.open(trained), Device.cpu(), 1)) {
            double[] inBatches = batched.scores(prompts);
            double[] alone = single.scores(prompts);

            assertThat(prompts.stream().mapToInt(p -> p.tokens().size()).distinct().count())
                    .as("prompts of several lengths, so padding is exercised").isGreaterThan(3);
            for (int i = 0; i < alone.length; i++) {
                assertThat(inBatches[i]).isCloseTo(alone[i], within(1e-5));
            }
        }
    }

    @Test
    void evidenceFromSharedPrefixesEqualsScoringEachOccludedPromptWhole() throws Exception {
        try (RiskModel model = RiskModel.load(ModelPackage.open(trained), Device.cpu(), 8)) {
            assertThat(model.manifest().architecture().family()).as("the family that shares prefixes")
                    .isEqualTo(ModelFamily.TRANSFORMER);
            List<OcclusionEvidence.Explained> explained = new OcclusionEvidence(4, 4).score(model, prompts);

            List<List<String>> whole = new ArrayList<>();
            int variants = 0;
            for (int p = 0; p < prompts.size(); p++) {
                Prompt prompt = prompts.get(p);
                whole.add(prompt.tokens());
                for (EvidenceItem item : explained.get(p).evidence()) {
                    int index = itemOf(prompt, item);
                    whole.add(prompt.withoutItem(index).tokens());
                    variants++;
                }
            }
            double[] logOdds = model.logOdds(whole);
            assertThat(variants).as("evidence items: more than one per prompt on average").isGreaterThan(prompts.size());
            int at = 0;
            for (int p = 0; p < prompts.size(); p++) {
                double full = logOdds[at];
                assertThat(explained.get(p).logOdds()).isCloseTo(full, within(1e-5));
                for (EvidenceItem item : explained.get(p).evidence()) {
                    at++;
                    assertThat(item.getWeight()).as("prompt %d, %s", p, item.getCode().getValue())
                            .isCloseTo(full - logOdds[at], within(1e-5));
                }
                at++;
            }
        }
    }

    /** The index of the prompt item an evidence item names (code and time identify it). */
    private static int itemOf(Prompt prompt, EvidenceItem item) {
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < prompt.items().size(); i++) {
            PromptItem candidate = prompt.items().get(i);
            if (candidate.code().equals(item.getCode()) && candidate.time().equals(item.getTime())) {
                matches.add(i);
            }
        }
        assertThat(matches).as("items named %s", item.getCode().getValue()).hasSize(1);
        return matches.get(0);
    }

    @Test
    void threadsScoringAtOnceGetTheScoresOfOneThread() throws Exception {
        try (RiskModel model = RiskModel.load(ModelPackage.open(trained), Device.cpu(), 4)) {
            double[] alone = model.scores(prompts);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                List<Future<double[]>> runs = new ArrayList<>();
                for (int run = 0; run < 24; run++) {
                    runs.add(threads.submit(() -> model.scores(prompts)));
                }
                for (Future<double[]> run : runs) {
                    assertThat(run.get(1, TimeUnit.MINUTES)).containsExactly(alone);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void savedAndLoadedModelGivesIdenticalScores() throws Exception {
        double[] first;
        try (RiskModel model = RiskModel.load(ModelPackage.open(trained), Device.cpu(), 8)) {
            first = model.scores(prompts);
        }
        try (RiskModel model = RiskModel.load(ModelPackage.open(trained), Device.cpu(), 8)) {
            assertThat(model.scores(prompts)).containsExactly(first);
        }
        assertThat(java.util.Arrays.stream(first).allMatch(p -> p >= 0 && p <= 1)).as("probabilities").isTrue();
    }

    @Test
    void corruptedWeightsAreRefused() throws Exception {
        Path copy = copyOf(trained, dir.resolve("corrupt"));
        byte[] weights = Files.readAllBytes(copy.resolve(ModelPackage.WEIGHTS));
        weights[weights.length / 2] ^= 1;
        Files.write(copy.resolve(ModelPackage.WEIGHTS), weights, StandardOpenOption.TRUNCATE_EXISTING);

        assertThatThrownBy(() -> ModelPackage.open(copy)).isInstanceOf(PackageRefusedException.class)
                .hasMessageContaining("weights.params has SHA-256").hasMessageContaining("corrupt");
    }

    @Test
    void packageUnderAnotherNameIsRefused() throws Exception {
        ModelPackage opened = ModelPackage.open(copyOf(trained, dir.resolve("renamed")));
        String sha = opened.manifest().weightsSha256();

        assertThatThrownBy(() -> opened.requireIdentity("adrd-default", "1", sha))
                .isInstanceOf(PackageRefusedException.class).hasMessageContaining("not adrd-default 1");
        assertThatThrownBy(() -> opened.requireIdentity("risk-test", "1", "00" + sha.substring(2)))
                .isInstanceOf(PackageRefusedException.class).hasMessageContaining("was promoted");
        assertThat(opened.requireIdentity("risk-test", "1", sha)).isSameAs(opened);
    }

    @Test
    void packageOfAnotherPromptVersionIsRefused() throws Exception {
        Path copy = copyOf(trained, dir.resolve("old-prompts"));
        Path manifest = copy.resolve(ModelPackage.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace(PromptRenderer.VERSION, "prompt-0"));

        assertThatThrownBy(() -> ModelPackage.open(copy)).isInstanceOf(PackageRefusedException.class)
                .hasMessageContaining("prompt-0").hasMessageContaining(PromptRenderer.VERSION);
    }

    @Test
    void missingPackageIsRefusedWithItsPath() {
        assertThatThrownBy(() -> ModelPackage.open(dir.resolve("nowhere"))).isInstanceOf(PackageRefusedException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("no manifest.json");
    }

    private static Path copyOf(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        for (String file : List.of(ModelPackage.MANIFEST, ModelPackage.WEIGHTS, ModelPackage.TOKENIZER)) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
        return target;
    }
}
