package org.adrdstream.training;

/** Receives progress of a training run (the command line draws a progress bar from it). */
public interface TrainingProgress {

    TrainingProgress NONE = (phase, done, total, loss) -> { };

    /**
     * @param phase {@code pretrain} or {@code fine-tune}
     * @param done  steps finished in this phase
     * @param total steps in this phase
     * @param loss  loss of the last step
     */
    void step(String phase, int done, int total, double loss);
}
