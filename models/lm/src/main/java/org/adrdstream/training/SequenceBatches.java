package org.adrdstream.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Orders training sequences into batches of similar length (less padding): shuffled, cut into windows of
 * {@value #WINDOW_BATCHES} batches, sorted by length within a window, then batched; the batch order is
 * shuffled again so lengths do not trend through an epoch.
 */
final class SequenceBatches {

    private static final int WINDOW_BATCHES = 16;

    private SequenceBatches() {
    }

    /** Indices of {@code lengths}, grouped into batches of at most {@code batchSize}. */
    static List<int[]> of(int[] lengths, int batchSize, Random random) {
        List<Integer> order = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int window = batchSize * WINDOW_BATCHES;
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += window) {
            List<Integer> slice = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
            slice.sort(Comparator.comparingInt(i -> lengths[i]));
            for (int start = 0; start < slice.size(); start += batchSize) {
                batches.add(slice.subList(start, Math.min(slice.size(), start + batchSize)).stream()
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /** Right-pads the chosen sequences with id 0 to the longest of them. */
    static long[][] padded(List<long[]> sequences, int[] batch) {
        int length = 0;
        for (int i : batch) {
            length = Math.max(length, sequences.get(i).length);
        }
        long[][] ids = new long[batch.length][length];
        for (int row = 0; row < batch.length; row++) {
            long[] sequence = sequences.get(batch[row]);
            System.arraycopy(sequence, 0, ids[row], 0, sequence.length);
        }
        return ids;
    }

    /**
     * The histories concatenated and cut into sequences of {@code length}, so a base model's pretraining
     * covers every position a few-shot context uses.
     */
    static List<long[]> packed(List<long[]> sequences, int length) {
        List<long[]> packed = new ArrayList<>();
        long[] current = new long[length];
        int filled = 0;
        for (long[] sequence : sequences) {
            for (long id : sequence) {
                current[filled++] = id;
                if (filled == length) {
                    packed.add(current);
                    current = new long[length];
                    filled = 0;
                }
            }
        }
        if (filled > 1) {
            packed.add(java.util.Arrays.copyOf(current, filled));
        }
        return packed;
    }
}
