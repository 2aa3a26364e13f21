package org.adrdstream.lm;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Sequences and variants of them laid out for one shared-prefix read-out ({@link SharedPrefixReadout}). A
 * variant is stored as the suffix after the longest prefix it shares with its sequence (at least its last
 * token stays in the suffix); rows are right-padded.
 *
 * @param sequences     token ids (sequences, length)
 * @param answers       each sequence's answer position (its last token)
 * @param suffixes      token ids of each variant after its shared prefix (variants, suffixLength)
 * @param suffixOf      the row in {@code sequences} each variant varies
 * @param suffixStarts  the shared prefix's length: the position of each suffix's first token
 * @param suffixAnswers each variant's answer position within its suffix
 */
public record SharedPrefixBatch(NDArray sequences, NDArray answers, NDArray suffixes, NDArray suffixOf,
                                NDArray suffixStarts, NDArray suffixAnswers) {

    /**
     * @param variantOf for each variant, the index in {@code sequences} of the sequence it varies
     */
    public static SharedPrefixBatch of(NDManager manager, List<long[]> sequences, List<long[]> variants,
                                       int[] variantOf) {
        if (variants.isEmpty() || variants.size() != variantOf.length) {
            throw new IllegalArgumentException("need one sequence index per variant, and at least one variant");
        }
        long[] answers = new long[sequences.size()];
        for (int row = 0; row < answers.length; row++) {
            answers[row] = sequences.get(row).length - 1;
        }
        long[] starts = new long[variants.size()];
        long[] suffixAnswers = new long[variants.size()];
        long[][] suffixes = new long[variants.size()][];
        for (int row = 0; row < variants.size(); row++) {
            long[] variant = variants.get(row);
            starts[row] = Math.min(sharedPrefix(sequences.get(variantOf[row]), variant), variant.length - 1);
            suffixes[row] = java.util.Arrays.copyOfRange(variant, (int) starts[row], variant.length);
            suffixAnswers[row] = suffixes[row].length - 1;
        }
        long[] of = java.util.Arrays.stream(variantOf).asLongStream().toArray();
        return new SharedPrefixBatch(manager.create(padded(sequences.toArray(long[][]::new))),
                manager.create(answers), manager.create(padded(suffixes)), manager.create(of),
                manager.create(starts), manager.create(suffixAnswers));
    }

    private static int sharedPrefix(long[] a, long[] b) {
        int shared = 0;
        while (shared < a.length && shared < b.length && a[shared] == b[shared]) {
            shared++;
        }
        return shared;
    }

    private static long[][] padded(long[][] rows) {
        int length = 0;
        for (long[] row : rows) {
            length = Math.max(length, row.length);
        }
        long[][] padded = new long[rows.length][length];
        for (int row = 0; row < rows.length; row++) {
            System.arraycopy(rows[row], 0, padded[row], 0, rows[row].length);
        }
        return padded;
    }
}
