package org.adrdstream.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;

import org.adrdstream.sft.SftSequence;
import org.adrdstream.sft.SftSequence.Role;
import org.adrdstream.tokenizer.PromptTokenizer;

/**
 * Fine-tuning on whole target sequences (the rationale targets of docs/study.md): next-token loss on every
 * answer and rationale token, weighted by the example's weight, either pooled over all target tokens (the
 * study's SFT) or with the answer and rationale losses each normalised on their own and added. Records, per
 * epoch, the share of the loss the answer tokens carry (the "token dilution" the study names).
 */
final class SequenceFineTuner {

    private final Trainer trainer;
    private final boolean separateLosses;
    private final int batchSize;

    SequenceFineTuner(Trainer trainer, boolean separateLosses, int batchSize) {
        this.trainer = trainer;
        this.separateLosses = separateLosses;
        this.batchSize = batchSize;
    }

    /** Runs {@code epochs} passes; returns the tokens trained and the answer share of the loss per epoch. */
    Outcome run(List<SftSequence> sequences, PromptTokenizer tokenizer, int epochs, Random random,
                TrainingProgress progress) {
        List<long[]> ids = new ArrayList<>(sequences.size());
        sequences.forEach(s -> ids.add(tokenizer.encode(s.tokens())));
        int[] lengths = ids.stream().mapToInt(s -> s.length).toArray();
        List<List<int[]>> plan = new ArrayList<>();
        int total = 0;
        for (int e = 0; e < epochs; e++) {
            plan.add(SequenceBatches.of(lengths, batchSize, random));
            total += plan.get(e).size();
        }
        long tokens = 0;
        int done = 0;
        double[] answerShares = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double answerLoss = 0;
            double allLoss = 0;
            for (int[] batch : plan.get(e)) {
                long[][] padded = SequenceBatches.padded(ids, batch);
                double[] parts = step(padded, masks(sequences, batch, padded[0].length, Role.ANSWER),
                        masks(sequences, batch, padded[0].length, Role.RATIONALE));
                answerLoss += parts[1];
                allLoss += parts[0];
                tokens += (long) padded.length * padded[0].length;
                progress.step("fine-tune", ++done, total, parts[0]);
            }
            answerShares[e] = allLoss == 0 ? 0 : answerLoss / allLoss;
        }
        return new Outcome(tokens, answerShares);
    }

    /** Loss weights of the tokens with {@code role}, aligned with the targets (positions 1..length-1). */
    private static float[][] masks(List<SftSequence> sequences, int[] batch, int length, Role role) {
        float[][] mask = new float[batch.length][length - 1];
        for (int row = 0; row < batch.length; row++) {
            SftSequence sequence = sequences.get(batch[row]);
            for (int i = 1; i < sequence.roles().size(); i++) {
                if (sequence.roles().get(i) == role) {
                    mask[row][i - 1] = (float) sequence.weight();
                }
            }
        }
        return mask;
    }

    /** One step; returns {total loss, the answer tokens' part of it}. */
    private double[] step(long[][] ids, float[][] answerMask, float[][] rationaleMask) {
        double answerWeight = sum(answerMask);
        double rationaleWeight = sum(rationaleMask);
        double[] answerPart = new double[1];
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray all = manager.create(ids);
            long length = ids[0].length;
            NDArray target = all.get(":, 1:");
            NDArray answers = manager.create(answerMask);
            NDArray reasons = manager.create(rationaleMask);
            double loss = LanguageModelTrainer.step(trainer, new NDList(all.get(":, :{}", length - 1)), true, logits -> {
                NDArray nll = logits.logSoftmax(-1).gather(target.expandDims(2), 2).squeeze(2).neg();
                NDArray answerSum = nll.mul(answers).sum();
                NDArray reasonSum = nll.mul(reasons).sum();
                NDArray answerTerm;
                NDArray value;
                // Divisors as arrays of the step's manager, never op(Number): see CausalSelfAttention.
                if (separateLosses) {
                    answerTerm = answerWeight > 0 ? answerSum.div(scalar(manager, answerWeight))
                            : answerSum.mul(scalar(manager, 0));
                    value = rationaleWeight > 0 ? answerTerm.add(reasonSum.div(scalar(manager, rationaleWeight)))
                            : answerTerm;
                } else {
                    NDArray pooled = scalar(manager, answerWeight + rationaleWeight);
                    answerTerm = answerSum.div(pooled);
                    value = answerSum.add(reasonSum).div(pooled);
                }
                answerPart[0] = answerTerm.getFloat();
                return value;
            });
            return new double[] {loss, answerPart[0]};
        }
    }

    /** A scalar PyTorch allocates and owns, alive as long as {@code manager}: safe inside the gradient graph. */
    private static NDArray scalar(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value);
    }

    private static double sum(float[][] values) {
        double total = 0;
        for (float[] row : values) {
            for (float v : row) {
                total += v;
            }
        }
        return total;
    }

    /**
     * @param tokens       tokens through the fine-tuning steps (padding included)
     * @param answerShares per epoch, the answer tokens' share of the summed step losses
     */
    record Outcome(long tokens, double[] answerShares) {
    }
}
