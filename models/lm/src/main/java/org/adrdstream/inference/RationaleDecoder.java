package org.adrdstream.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.tokenizer.PromptTokenizer;

/**
 * Greedy decoding of a rationale model's explanation, so its answer is read where the model itself would
 * give it: each step appends the most likely next token to every unfinished sequence (one batched forward
 * pass over the unfinished ones, no cache: rationales are short next to the prompt). A sequence is finished
 * when the model's next token would be the answer ({@code yes}/{@code no}): after it emits the answer cue, or
 * straight away if it skips the cue. At the model's length limit, or the caller's limit on new tokens, the cue
 * is appended.
 */
final class RationaleDecoder {

    private final RiskModel model;
    private final long cue;
    private final long yes;
    private final long no;
    private final int maxTokens;
    private final int maxBatch;

    RationaleDecoder(RiskModel model, PromptTokenizer tokenizer, int maxTokens, int maxBatch) {
        this.model = model;
        this.cue = tokenizer.id(RationaleGenerator.ANSWER_CUE);
        this.yes = tokenizer.yesId();
        this.no = tokenizer.noId();
        this.maxTokens = maxTokens;
        this.maxBatch = maxBatch;
    }

    /**
     * Each input with its decoded rationale appended, ready for the answer read-out after its last token.
     *
     * @param maxNewTokens most tokens to decode per input (the cue included), within the model's length limit
     */
    List<long[]> complete(List<long[]> inputs, int maxNewTokens) {
        List<long[]> sequences = new ArrayList<>(inputs);
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            open.add(i);
        }
        open.sort(java.util.Comparator.comparingInt(i -> sequences.get(i).length)); // less padding per batch
        while (!open.isEmpty()) {
            List<Integer> stillOpen = new ArrayList<>();
            for (int from = 0; from < open.size(); from += maxBatch) {
                List<Integer> rows = open.subList(from, Math.min(open.size(), from + maxBatch));
                long[] next = model.mostLikelyNext(rows.stream().map(sequences::get).toList());
                for (int k = 0; k < rows.size(); k++) {
                    int row = rows.get(k);
                    if (next[k] == yes || next[k] == no) {
                        continue;
                    }
                    long[] sequence = sequences.get(row);
                    boolean full = sequence.length + 1 >= Math.min(maxTokens, (long) inputs.get(row).length + maxNewTokens);
                    sequences.set(row, append(sequence, full ? cue : next[k]));
                    if (!full && next[k] != cue) {
                        stillOpen.add(row);
                    }
                }
            }
            open = stillOpen;
        }
        return sequences;
    }

    private static long[] append(long[] sequence, long token) {
        long[] longer = Arrays.copyOf(sequence, sequence.length + 1);
        longer[sequence.length] = token;
        return longer;
    }
}
