package org.adrdstream.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An embedding table looked up by id: ids of any shape to their rows, (ids..., width). DJL's
 * {@code IdEmbedding} does the same with the same parameter, so packages saved with it load unchanged, but it
 * attaches the shared table to each call's scope for the length of the call, and two calls at once (two
 * stream threads scoring) released the table under each other ("Native resource has been released
 * already"). This block leaves the table where it is; the looked-up rows belong to the ids' manager.
 */
final class TokenLookup extends AbstractBlock {

    /** IdEmbedding's version: the saved parameters carry it. */
    private static final byte VERSION = 1;

    private final int width;
    private final Parameter table;

    TokenLookup(int entries, int width) {
        super(VERSION);
        this.width = width;
        table = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(entries, width)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray rows = parameters.getValue(table, ids.getDevice(), training);
        return ids.getNDArrayInternal().embedding(ids, rows, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].addAll(new Shape(width))};
    }
}
