package org.adrdstream.lm;

/** The language-model families the platform trains and serves (docs/models.md, "Families"). */
public enum ModelFamily {
    /** Decoder-only transformer: pre-LayerNorm blocks, causal self-attention, learned positions. */
    TRANSFORMER,
    /** Recurrent language model: a stack of GRU layers over token embeddings. */
    RECURRENT
}
