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

/**
 * Multi-head self-attention in which a position attends only to itself and earlier positions.
 *
 * <p>Input {@code (x)} (batch, length, width) gives the output at every position; {@code (x, positions)}
 * gives only one query row per batch row (batch, 1, width), over the positions up to it. Either way the
 * output list also holds this layer's keys and values (batch, heads, length, headWidth), which the
 * shared-prefix read-out ({@link #afterPrefix}) reuses for variants of the same sequences.
 */
final class CausalSelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Added to the scores of keys a query must not see: exp() of it is 0 in float32. */
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
        NDArray x = inputs.get(0);
        NDArray positions = inputs.size() > 1 ? inputs.get(1) : null;
        long length = x.getShape().get(1);
        NDArray projected = project(parameters, x, training);
        NDArray keys = projected.get(1);
        NDArray values = projected.get(2);
        NDArray out = positions == null
                ? attend(parameters, projected.get(0), keys, values, futureMask(x.getManager(), length), training)
                : attend(parameters, queriesAt(parameters, x, positions, training), keys, values,
                        keysAfter(positions, length), training);
        return new NDList(out, keys, values);
    }

    /**
     * The suffixes of variants of sequences whose keys and values are known (inference only): each row's
     * queries see its sequence's keys and values, then its own suffix's.
     *
     * @param x            suffixes (variants, suffixLength, width)
     * @param positions    null for every suffix position, else one query row per variant
     * @param prefixKeys   each variant's sequence's keys (variants, heads, length, headWidth); values alike
     * @param mask         additive, (variants, 1, suffixLength or 1, length + suffixLength): {@link #maskOf}
     */
    NDArray afterPrefix(ParameterStore parameters, NDArray x, NDArray positions, NDArray prefixKeys,
                        NDArray prefixValues, NDArray mask) {
        NDArray projected = project(parameters, x, false);
        NDArray queries = positions == null ? projected.get(0) : queriesAt(parameters, x, positions, false);
        return attend(parameters, queries, prefixKeys.concat(projected.get(1), 2),
                prefixValues.concat(projected.get(2), 2), mask, false);
    }

    /** Queries, keys and values of x (batch, rows, width), per head: (3, batch, heads, rows, headWidth). */
    private NDArray project(ParameterStore parameters, NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        long rows = x.getShape().get(1);
        return queryKeyValue.forward(parameters, new NDList(x), training).singletonOrThrow()
                .reshape(batch, rows, 3, heads, width / heads).transpose(2, 0, 3, 1, 4);
    }

    /** The queries of one row per batch row (batch, heads, 1, headWidth). */
    private NDArray queriesAt(ParameterStore parameters, NDArray x, NDArray positions, boolean training) {
        return project(parameters, LanguageModelBlock.atPositions(x, positions), training).get(0);
    }

    /** Each query's mix of the values (batch, queryRows, width), projected back to the model width. */
    private NDArray attend(ParameterStore parameters, NDArray queries, NDArray keys, NDArray values, NDArray mask,
                           boolean training) {
        long batch = queries.getShape().get(0);
        long queryRows = queries.getShape().get(2);
        // Scalars as arrays PyTorch owns: DJL's op(Number) wraps a Java buffer that autograd keeps using after
        // DJL frees it, so a GC between forward and backward corrupted gradients (intermittent NaN losses).
        NDArray scale = queries.getManager().full(new Shape(), (float) Math.sqrt(width / heads));
        NDArray scores = queries.matMul(keys.transpose(0, 1, 3, 2)).div(scale);
        NDArray attention = scores.add(mask).softmax(-1);
        NDArray mixed = attention.matMul(values).transpose(0, 2, 1, 3).reshape(batch, queryRows, width);
        return output.forward(parameters, new NDList(mixed), training).singletonOrThrow();
    }

    /** An additive mask from a 0/1 (or boolean) array of which keys a query may see: 0 where visible. */
    static NDArray maskOf(NDArray visible) {
        NDManager manager = visible.getManager();
        return manager.full(new Shape(), 1f).sub(visible.toType(DataType.FLOAT32, false))
                .mul(manager.full(new Shape(), MASKED));
    }

    /** (length, length): each query position sees the keys at or before it. */
    private static NDArray futureMask(NDManager manager, long length) {
        NDArray query = manager.arange(0, (int) length, 1, DataType.INT64).reshape(length, 1);
        NDArray key = manager.arange(0, (int) length, 1, DataType.INT64).reshape(1, length);
        return maskOf(key.lte(query));
    }

    /** (batch, 1, 1, length): each row's one query sees the keys at or before its position. */
    private static NDArray keysAfter(NDArray positions, long length) {
        NDArray key = positions.getManager().arange(0, (int) length, 1, DataType.INT64).reshape(1, length);
        NDArray visible = key.lte(positions.toType(DataType.INT64, false).reshape(-1, 1));
        return maskOf(visible).reshape(positions.getShape().get(0), 1, 1, length);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape perHead = new Shape(x.get(0), heads, x.get(1), width / heads);
        Shape out = inputShapes.length > 1 ? new Shape(x.get(0), 1, width) : x;
        return new Shape[] {out, perHead, perHead};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        queryKeyValue.initialize(manager, dataType, inputShapes[0]);
        output.initialize(manager, dataType, inputShapes[0]);
    }
}
