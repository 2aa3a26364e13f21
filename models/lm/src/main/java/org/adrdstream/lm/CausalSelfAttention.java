package org.adrdstream.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Multi-head self-attention in which a position attends only to itself and earlier positions. */
final class CausalSelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Added to the scores of future positions: exp() of it is 0 in float32. */
    private static final float MASKED = -1e9f;

    private final int width;
    private final int heads;
    private final Block queryKeyValue;
    private final Block output;

    CausalSelfAttention(int width, int heads) {
        super(VERSION);
        this.width = width;
        this.heads = heads;
        queryKeyValue = addChildBlock("query_key_value", Linear.builder().setUnits(3L * width).build());
        output = addChildBlock("output", Linear.builder().setUnits(width).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int headWidth = width / heads;
        // (batch, length, 3 * width) -> (3, batch, heads, length, headWidth)
        NDArray qkv = queryKeyValue.forward(parameters, inputs, training).singletonOrThrow()
                .reshape(batch, length, 3, heads, headWidth).transpose(2, 0, 3, 1, 4);
        // Scalars as arrays PyTorch owns: DJL's op(Number) wraps a Java buffer that autograd keeps using after
        // DJL frees it, so a GC between forward and backward corrupted gradients (intermittent NaN losses).
        NDArray scale = x.getManager().full(new Shape(), (float) Math.sqrt(headWidth));
        NDArray scores = qkv.get(0).matMul(qkv.get(1).transpose(0, 1, 3, 2)).div(scale);
        NDArray attention = scores.add(futureMask(x.getManager(), length)).softmax(-1);
        NDArray mixed = attention.matMul(qkv.get(2)).transpose(0, 2, 1, 3).reshape(batch, length, width);
        return output.forward(parameters, new NDList(mixed), training);
    }

    /** (length, length): 0 where the key position is at or before the query position, {@link #MASKED} after. */
    private static NDArray futureMask(NDManager manager, long length) {
        NDArray query = manager.arange(0, (int) length, 1, DataType.INT64).reshape(length, 1);
        NDArray key = manager.arange(0, (int) length, 1, DataType.INT64).reshape(1, length);
        return key.gt(query).toType(DataType.FLOAT32, false).mul(manager.full(new Shape(), MASKED));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        queryKeyValue.initialize(manager, dataType, inputShapes[0]);
        output.initialize(manager, dataType, inputShapes[0]);
    }
}
