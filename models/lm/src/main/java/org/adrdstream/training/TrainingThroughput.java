package org.adrdstream.training;

import java.util.Random;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;

import org.adrdstream.lm.Architecture;

/**
 * Measures training throughput of an architecture: next-token steps (forward, backward, Adam) on random
 * full-length sequences, with the trainer's own optimizer and loss, after warm-up steps. For the training
 * benchmark; the figures do not depend on the data.
 */
public final class TrainingThroughput {

    private TrainingThroughput() {
    }

    /** Tokens per second over {@code steps} measured steps of {@code batch} sequences of the full length. */
    public static double tokensPerSecond(Architecture architecture, int batch, int warmupSteps, int steps) {
        Engine.getInstance().setRandomSeed(1);
        Random random = new Random(1);
        int length = architecture.maxTokens();
        try (Model model = Model.newInstance("throughput", Device.cpu(), "PyTorch")) {
            model.setBlock(architecture.newBlock());
            try (Trainer trainer = model.newTrainer(LanguageModelTrainer.trainerConfig(1e-3f))) {
                trainer.initialize(new Shape(batch, length));
                long[][] ids = new long[batch][length];
                for (long[] row : ids) {
                    for (int i = 0; i < length; i++) {
                        row[i] = 1 + random.nextInt(architecture.vocabulary() - 1);
                    }
                }
                for (int i = 0; i < warmupSteps; i++) {
                    LanguageModelTrainer.nextTokenStep(trainer, ids, false);
                }
                long started = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    // Timing only: a non-finite loss on random data changes no step's cost, so it is not fatal here.
                    LanguageModelTrainer.nextTokenStep(trainer, ids, false);
                }
                return (double) steps * batch * length / ((System.nanoTime() - started) / 1e9);
            }
        }
    }

    /** FLOPs per trained token: forward with the head everywhere, and twice that for the backward pass. */
    public static double flopsPerToken(Architecture architecture) {
        return 3.0 * architecture.sequenceFlops(architecture.maxTokens(), true) / architecture.maxTokens();
    }
}
