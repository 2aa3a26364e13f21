package org.adrdstream.lm;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Decoder-only transformer: learned positions added to the token embedding, then pre-LayerNorm decoder blocks.
 * Read out at answer positions, the last block computes those rows only (its keys and values still cover every
 * position): for the tiny size at 150 tokens, about 40 % of the arithmetic ({@link Architecture#sequenceFlops}).
 */
final class TransformerLanguageModel extends LanguageModelBlock implements SharedPrefixReadout {

    private Block positions;
    private List<DecoderLayer> layers;

    TransformerLanguageModel(Architecture architecture) {
        super(architecture);
    }

    @Override
    void addBody() {
        positions = addChildBlock("positions", new TokenLookup(architecture.maxTokens(), architecture.width()));
        layers = new ArrayList<>(architecture.layers());
        for (int i = 0; i < architecture.layers(); i++) {
            layers.add(addChildBlock("decoder_" + i, new DecoderLayer(architecture)));
        }
    }

    @Override
    NDArray body(ParameterStore parameters, NDArray embedded, NDArray answers, boolean training) {
        long length = requireFits(embedded.getShape().get(1));
        NDArray x = withPositions(parameters, embedded, embedded.getManager().arange(0, (int) length, 1, DataType.INT64),
                training);
        int last = layers.size() - 1;
        for (int i = 0; i < last; i++) {
            x = layers.get(i).forward(parameters, new NDList(x), training).get(0);
        }
        // Every answer depends on all positions of the layers below, but on the last layer's answer rows only.
        NDList lastInputs = answers == null ? new NDList(x) : new NDList(x, answers);
        return layers.get(last).forward(parameters, lastInputs, training).get(0);
    }

    @Override
    public NDArray readOut(ParameterStore parameters, SharedPrefixBatch batch) {
        NDManager manager = batch.sequences().getManager();
        long length = requireFits(batch.sequences().getShape().get(1));
        long suffixLength = batch.suffixes().getShape().get(1);
        NDArray x = withPositions(parameters, embed(parameters, batch.sequences(), false),
                manager.arange(0, (int) length, 1, DataType.INT64), false);
        NDArray suffixPositions = batch.suffixStarts().reshape(-1, 1)
                .add(manager.arange(0, (int) suffixLength, 1, DataType.INT64).reshape(1, -1))
                .minimum(manager.create((long) architecture.maxTokens() - 1)); // padding may run past the end
        NDArray y = withPositions(parameters, embed(parameters, batch.suffixes(), false), suffixPositions, false);
        NDArray visible = suffixVisibility(batch, length);
        NDArray everySuffixRow = CausalSelfAttention.maskOf(visible).expandDims(1);
        NDArray answerRows = CausalSelfAttention.maskOf(atPositions(visible, batch.suffixAnswers())).expandDims(1);
        int last = layers.size() - 1;
        for (int i = 0; i <= last; i++) {
            NDArray positions = i == last ? batch.answers() : null;
            NDList whole = layers.get(i).forward(parameters,
                    positions == null ? new NDList(x) : new NDList(x, positions), false);
            NDArray prefixKeys = whole.get(1).get(new NDIndex("{}", batch.suffixOf()));
            NDArray prefixValues = whole.get(2).get(new NDIndex("{}", batch.suffixOf()));
            y = layers.get(i).afterPrefix(parameters, y, i == last ? batch.suffixAnswers() : null,
                    prefixKeys, prefixValues, i == last ? answerRows : everySuffixRow);
            x = whole.get(0);
        }
        return logits(parameters, x.concat(y, 0), false).squeeze(1);
    }

    /**
     * (variants, suffixLength, length + suffixLength), 1 where a suffix position may see a key: its sequence's
     * keys before the suffix starts, then its own suffix's up to itself.
     */
    private static NDArray suffixVisibility(SharedPrefixBatch batch, long length) {
        NDManager manager = batch.sequences().getManager();
        long variants = batch.suffixes().getShape().get(0);
        long suffixLength = batch.suffixes().getShape().get(1);
        NDArray prefix = manager.arange(0, (int) length, 1, DataType.INT64).reshape(1, 1, length)
                .lt(batch.suffixStarts().reshape(variants, 1, 1))
                .toType(DataType.FLOAT32, false).broadcast(variants, suffixLength, length);
        NDArray query = manager.arange(0, (int) suffixLength, 1, DataType.INT64).reshape(suffixLength, 1);
        NDArray key = manager.arange(0, (int) suffixLength, 1, DataType.INT64).reshape(1, suffixLength);
        NDArray own = key.lte(query).toType(DataType.FLOAT32, false).expandDims(0)
                .broadcast(variants, suffixLength, suffixLength);
        return prefix.concat(own, 2);
    }

    private long requireFits(long length) {
        if (length > architecture.maxTokens()) {
            throw new IllegalArgumentException("sequence of " + length + " tokens is longer than the model's "
                    + architecture.maxTokens());
        }
        return length;
    }

    /** Adds the learned embedding of each token's position, {@code index} (tokens) or (batch, tokens). */
    private NDArray withPositions(ParameterStore parameters, NDArray embedded, NDArray index, boolean training) {
        return embedded.add(positions.forward(parameters, new NDList(index), training).singletonOrThrow());
    }

    @Override
    void initializeBody(NDManager manager, DataType dataType, Shape embedded) {
        positions.initialize(manager, dataType, new Shape(embedded.get(1)));
        for (DecoderLayer layer : layers) {
            layer.initialize(manager, dataType, embedded);
        }
    }

    @Override
    int stateWidth() {
        return architecture.width();
    }
}
