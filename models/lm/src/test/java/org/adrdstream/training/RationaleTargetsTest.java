package org.adrdstream.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import java.util.concurrent.atomic.AtomicInteger;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.rationale.Rationale;
import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.rationale.RationaleSource;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.inference.RiskModel;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.sft.TargetFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RationaleTargetsTest {

    @TempDir
    Path dir;

    @Test
    void aFreeFormRationaleModelDecodesItsRationaleBeforeItAnswers() throws Exception {
        TrainingData data = TrainedModels.data(500, 2);
        TrainingResult result = TrainedModels.train(
                TrainedModels.quick("free").withTarget(TrainingTarget.RATIONALE_FREEFORM), data, dir.resolve("free"));

        ModelManifest manifest = ModelPackage.open(dir.resolve("free")).manifest();
        assertThat(manifest.target()).isEqualTo(TrainingTarget.RATIONALE_FREEFORM);
        assertThat(manifest.metrics().get("rationales_faithful_rate")).isEqualTo(1.0);
        assertThat(manifest.metrics().get("answer_token_share")).as("one answer among many rationale tokens")
                .isBetween(0.0, 0.2);
        assertThat(manifest.metrics()).containsKeys("answer_loss_share_epoch_1", "answer_loss_share_epoch_4");
        assertThat(Double.isFinite(result.validationAuroc())).isTrue();

        PromptRenderer renderer = new PromptRenderer(TrainedModels.TASK, manifest.tokenBudget());
        List<List<String>> prompts = data.validation().stream().limit(12)
                .map(e -> renderer.render(e.history(), e.t0()).tokens()).toList();
        try (RiskModel model = RiskModel.load(ModelPackage.open(dir.resolve("free")), Device.cpu(), 8)) {
            RiskModel.Readout batched = model.readOut(prompts);
            assertThat(batched.rationales()).hasSize(prompts.size()).allSatisfy(rationale -> assertThat(rationale)
                    .as("decoding stops where the answer comes").isNotEmpty().doesNotContain("yes", "no"));
            for (int i = 0; i < prompts.size(); i++) {
                RiskModel.Readout alone = model.readOut(List.of(prompts.get(i)));
                assertThat(alone.rationales().get(0)).isEqualTo(batched.rationales().get(i));
                assertThat(alone.logOdds()[0]).isCloseTo(batched.logOdds()[i], within(1e-4));
            }
        }
    }

    @Test
    void rationalesThatCiteWhatIsNotThereOrContradictTheOutcomeAreLeftOut() throws Exception {
        TrainingData data = TrainedModels.data(500, 2);
        RationaleGenerator honest = new RationaleGenerator(TrainedModels.TASK);
        AtomicInteger calls = new AtomicInteger();
        RationaleSource teacher = new RationaleSource() {
            @Override
            public Rationale generate(PatientHistory history, java.time.Instant t0, boolean positive, RationaleStyle style) {
                List<String> tokens = new java.util.ArrayList<>(honest.generate(history, t0, positive, style).tokens());
                switch (calls.getAndIncrement() % 3) {
                    case 0 -> tokens.addAll(0, List.of("risk", "factors", "diabetes", "dx:E11.9", "y-99")); // invented
                    case 1 -> tokens.set(tokens.size() - 1, positive ? "no" : "yes"); // contradicts the outcome
                    default -> { }
                }
                return new Rationale("test-teacher", style, tokens);
            }

            @Override
            public String version() {
                return "test-teacher";
            }
        };

        new LanguageModelTrainer(TrainedModels.quick("t").withTarget(TrainingTarget.RATIONALE_FREEFORM), TrainedModels.TASK,
                teacher).train(data, dir.resolve("t"), TrainingProgress.NONE);

        ModelManifest manifest = ModelPackage.open(dir.resolve("t")).manifest();
        assertThat(manifest.metrics().get("rationales_faithful_rate")).isCloseTo(1 / 3.0, within(0.01));
        assertThat(manifest.training()).containsEntry("rationales", "test-teacher");
    }

    @Test
    void aReasoningOrientedBaseReadsRationaleTextBeforeFineTuning() throws Exception {
        TrainingData data = TrainedModels.data(500, 2);
        TrainedModels.train(TrainedModels.quick("reasoning").withReasoningBase(true), data, dir.resolve("reasoning"));

        ModelManifest manifest = ModelPackage.open(dir.resolve("reasoning")).manifest();
        assertThat(manifest.training()).containsEntry("reasoning_base", true);
        assertThat(manifest.architecture().maxTokens()).as("room for a prompt with its rationale")
                .isGreaterThan(manifest.tokenBudget() + 1);
        assertThat(manifest.target()).isEqualTo(TrainingTarget.LABEL_ONLY);
    }

    @Test
    void multitaskAndLabelThenRationaleModelsAnswerWithoutDecoding() throws Exception {
        TrainingData data = TrainedModels.data(500, 2);
        for (TrainingTarget target : List.of(TrainingTarget.MULTITASK, TrainingTarget.LABEL_THEN_RATIONALE)) {
            Path directory = dir.resolve(target.name());
            TrainedModels.train(TrainedModels.quick("m").withTarget(target), data, directory);
            ModelManifest manifest = ModelPackage.open(directory).manifest();
            PromptRenderer renderer = new PromptRenderer(TrainedModels.TASK, manifest.tokenBudget());
            List<List<String>> prompts = data.validation().stream().limit(5)
                    .map(e -> renderer.render(e.history(), e.t0()).tokens()).toList();
            try (RiskModel model = RiskModel.load(ModelPackage.open(directory), Device.cpu(), 8)) {
                RiskModel.Readout readout = model.readOut(prompts);
                assertThat(readout.rationales()).isEmpty();
                assertThat(java.util.Arrays.stream(readout.logOdds()).allMatch(Double::isFinite)).isTrue();
                assertThat(readout.logOdds()).hasSize(5);
            }
            assertThat(TargetFormat.decodesRationale(target)).isFalse();
            assertThat(manifest.metrics().get("answer_loss_share_epoch_4")).isBetween(0.0, 1.0);
        }
    }
}
