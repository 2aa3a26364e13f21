package org.adrdstream.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * A language model that reads out variants of sequences from the keys and values the sequences computed for
 * the prefix they share, instead of running each variant whole. Occlusion evidence is the use: a variant
 * drops one of the newest items, near the end of its prompt, so only a short suffix is new. Inference only;
 * the logits equal those of running every variant whole, up to float rounding.
 */
public interface SharedPrefixReadout {

    /**
     * Next-token logits at the answer positions (sequences + variants, vocabulary): the sequences' rows first,
     * then the variants', each in the batch's order.
     */
    NDArray readOut(ParameterStore parameters, SharedPrefixBatch batch);
}
