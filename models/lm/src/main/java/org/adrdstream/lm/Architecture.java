package org.adrdstream.lm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import ai.djl.nn.Block;

/**
 * The shape of a language model: family, named size and the dimensions the size stands for.
 *
 * @param family     transformer or recurrent
 * @param size       size name ({@code tiny}, {@code small}, {@code base})
 * @param layers     decoder blocks or GRU layers
 * @param width      embedding width (transformer: model width)
 * @param heads      attention heads (transformer only; 0 for recurrent)
 * @param hidden     transformer MLP width, or GRU state size
 * @param maxTokens  longest sequence: the prompt budget plus the answer
 * @param vocabulary tokenizer vocabulary size
 */
public record Architecture(ModelFamily family, String size, int layers, int width, int heads, int hidden,
                           int maxTokens, int vocabulary) {

    /** The named sizes, per family: dimensions chosen so each size is about 4x the previous in compute. */
    private static final String[] SIZES = {"tiny", "small", "base"};

    public Architecture {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(size, "size");
        if (layers < 1 || width < 8 || hidden < 8 || maxTokens < 16 || vocabulary < 8
                || (family == ModelFamily.TRANSFORMER && (heads < 1 || width % heads != 0))) {
            throw new IllegalArgumentException("invalid architecture " + this);
        }
    }

    /** A named size of a family, e.g. {@code of(TRANSFORMER, "small", 257, 2000)}. */
    public static Architecture of(ModelFamily family, String size, int maxTokens, int vocabulary) {
        String name = size.toLowerCase(Locale.ROOT);
        return switch (family) {
            case TRANSFORMER -> switch (name) {
                case "tiny" -> new Architecture(family, name, 2, 64, 4, 256, maxTokens, vocabulary);
                case "small" -> new Architecture(family, name, 4, 128, 4, 512, maxTokens, vocabulary);
                case "base" -> new Architecture(family, name, 6, 256, 8, 1024, maxTokens, vocabulary);
                default -> throw unknownSize(size);
            };
            case RECURRENT -> switch (name) {
                case "tiny" -> new Architecture(family, name, 1, 64, 0, 128, maxTokens, vocabulary);
                case "small" -> new Architecture(family, name, 2, 128, 0, 256, maxTokens, vocabulary);
                case "base" -> new Architecture(family, name, 2, 256, 0, 512, maxTokens, vocabulary);
                default -> throw unknownSize(size);
            };
        };
    }

    /** A new, uninitialised block of this shape. */
    public Block newBlock() {
        return switch (family) {
            case TRANSFORMER -> new TransformerLanguageModel(this);
            case RECURRENT -> new RecurrentLanguageModel(this);
        };
    }

    /**
     * FLOPs (two per multiply-add) of one forward pass over a sequence of {@code length} tokens, counted from
     * the shapes: with {@code headEverywhere} (pretraining) the body and the output head at every position;
     * otherwise (scoring) only what the read-out at the answer computes: a transformer's last block projects
     * keys and values at every position but attends and runs its MLP at the answer only, and the head runs
     * there only. Causal attention is counted in full; embedding look-ups, norms and activations are left out.
     */
    public long sequenceFlops(int length, boolean headEverywhere) {
        long bodyMacs = switch (family) {
            case TRANSFORMER -> {
                long perPosition = 4L * width * width + 2L * width * hidden + 2L * length * width;
                yield headEverywhere ? layers * length * perPosition
                        : (layers - 1) * length * perPosition + length * 3L * width * width + perPosition;
            }
            case RECURRENT -> length * (3L * (width + hidden) * hidden + (layers - 1) * 6L * hidden * hidden);
        };
        long headMacs = (long) stateWidth() * vocabulary;
        return 2 * (bodyMacs + (headEverywhere ? length : 1) * headMacs);
    }

    private int stateWidth() {
        return family == ModelFamily.TRANSFORMER ? width : hidden;
    }

    private static IllegalArgumentException unknownSize(String size) {
        return new IllegalArgumentException("unknown model size '" + size + "'; use one of " + Arrays.toString(SIZES));
    }
}
