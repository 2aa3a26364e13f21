package org.adrdstream.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.adrdstream.lm.ModelFamily;
import org.adrdstream.modelpackage.ModelPackage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelTrainerTest {

    @TempDir
    Path dir;

    @Test
    void transformerLearnsTheProdromeSignal() throws Exception {
        TrainingData data = TrainedModels.data(800, 1);
        TrainingResult result = TrainedModels.train(TrainedModels.quick("t"), data, dir.resolve("t"));

        assertThat(result.validationAuroc()).isGreaterThan(0.75);
        assertThat(ModelPackage.open(dir.resolve("t")).manifest().metrics()).containsKey("validation_brier")
                .hasEntrySatisfying("baseline_lr_validation_auroc", auroc -> assertThat(auroc).as("the baseline sees "
                        + "the planted memory complaints too").isGreaterThan(0.75));
    }

    @Test
    void recurrentFamilyTrainsToo() throws Exception {
        TrainingData data = TrainedModels.data(800, 1);
        TrainingResult result = TrainedModels.train(TrainedModels.quick("r").withFamily(ModelFamily.RECURRENT, "tiny"),
                data, dir.resolve("r"));

        assertThat(result.validationAuroc()).isGreaterThan(0.75);
    }
}
