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
 */
final class DecoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block attentionNorm;
    private final Block attention;
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
        NDArray x = inputs.singletonOrThrow();
        NDArray attended = attention.forward(parameters, attentionNorm.forward(parameters, inputs, training), training)
                .singletonOrThrow();
        x = x.add(attended);
        NDArray h = mlpNorm.forward(parameters, new NDList(x), training).singletonOrThrow();
        h = Activation.gelu(expand.forward(parameters, new NDList(h), training).singletonOrThrow());
        return new NDList(x.add(contract.forward(parameters, new NDList(h), training).singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
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
