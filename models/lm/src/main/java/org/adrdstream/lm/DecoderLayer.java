package org.adrdstream.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LayerNorm decoder block: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))}. Written
 * from DJL primitives because DJL's own transformer block normalises with BatchNorm.
 *
 * <p>Input {@code (x)} (batch, tokens, width) gives every position; {@code (x, positions)} gives only the row
 * at one position per batch row (batch, 1, width), attending over the positions up to it. The output list
 * also holds the layer's keys and values ({@link CausalSelfAttention}).
 */
final class DecoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block attentionNorm;
    private final CausalSelfAttention attention;
    private final Block mlpNorm;
    private final Block expand;
    private final Block contract;

    DecoderLayer(Architecture architecture) {
        super(VERSION);
        attentionNorm = addChildBlock("attention_norm", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", new CausalSelfAttention(architecture.width(), architecture.heads()));
        mlpNorm = addChildBlock("mlp_norm", LayerNorm.builder().axis(2).build());
        expand = addChildBlock("mlp_expand", Linear.builder().setUnits(architecture.hidden()).build());
        contract = addChildBlock("mlp_contract", Linear.builder().setUnits(architecture.width()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList normed = attentionNorm.forward(parameters, new NDList(x), training);
        if (inputs.size() > 1) {
            NDArray positions = inputs.get(1);
            normed.add(positions);
            x = LanguageModelBlock.atPositions(x, positions);
        }
        NDList attended = attention.forward(parameters, normed, training);
        return new NDList(mlp(parameters, x.add(attended.get(0)), training), attended.get(1), attended.get(2));
    }

    /**
     * This layer over the suffixes of variants of sequences it has already run (inference only): see
     * {@link CausalSelfAttention#afterPrefix}; {@code positions}, when given, keeps one row per variant.
     */
    NDArray afterPrefix(ParameterStore parameters, NDArray x, NDArray positions, NDArray prefixKeys,
                        NDArray prefixValues, NDArray mask) {
        NDArray normed = attentionNorm.forward(parameters, new NDList(x), false).singletonOrThrow();
        NDArray attended = attention.afterPrefix(parameters, normed, positions, prefixKeys, prefixValues, mask);
        NDArray residual = positions == null ? x : LanguageModelBlock.atPositions(x, positions);
        return mlp(parameters, residual.add(attended), false);
    }

    /** {@code x + mlp(norm(x))}. */
    private NDArray mlp(ParameterStore parameters, NDArray x, boolean training) {
        NDArray h = mlpNorm.forward(parameters, new NDList(x), training).singletonOrThrow();
        h = Activation.gelu(expand.forward(parameters, new NDList(h), training).singletonOrThrow());
        return x.add(contract.forward(parameters, new NDList(h), training).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return attention.getOutputShapes(inputShapes);
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        attentionNorm.initialize(manager, dataType, x);
        attention.initialize(manager, dataType, x);
        mlpNorm.initialize(manager, dataType, x);
        expand.initialize(manager, dataType, x);
        contract.initialize(manager, dataType, new Shape(x.get(0), x.get(1), expand.getOutputShapes(new Shape[] {x})[0].get(2)));
    }
}
