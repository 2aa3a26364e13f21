package org.adrdstream.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training stays finite while the garbage collector runs all the time. DJL's {@code NDArray.div(Number)} and
 * friends wrap the number in a Java buffer that they release at once while autograd still refers to it; a
 * collection between forward and backward then fed freed memory into the gradients, and training diverged
 * (NaN) at random, most often beside the embedded platform, whose threads keep the collector busy. The model
 * code keeps its scalars in arrays that PyTorch owns (the attention scale in every layer, the loss divisors of
 * {@code SequenceFineTuner}); this test collects ten times a second through a pretraining and a label-only
 * fine-tuning, which used to diverge within a few steps.
 */
class TrainingUnderGcPressureTest {

    @TempDir
    Path dir;

    @Test
    void fineTuningSurvivesConstantCollections() throws Exception {
        TrainingData data = TrainedModels.data(200, 3);
        ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor();
        // Ten collections a second: enough to land between a forward pass and its backward pass.
        collector.scheduleAtFixedRate(System::gc, 0, 100, TimeUnit.MILLISECONDS);
        try {
            TrainingResult result = TrainedModels.train(TrainedModels.quick("gc-pressure"), data, dir.resolve("model"));
            assertThat(result.validationAuroc()).isBetween(0.0, 1.0);
        } finally {
            collector.shutdownNow();
        }
    }
}
