package org.adrdstream.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What both families share: token embedding, a body of the family's layers, a final LayerNorm and the
 * output head over the vocabulary.
 *
 * <p>Input {@code (ids)} of shape (batch, tokens) gives next-token logits (batch, tokens, vocabulary), for
 * pretraining. Input {@code (ids, positions)} gives the logits at one position per row (batch, vocabulary):
 * the answer position, where the read-out happens; the final norm and the head then run on those rows only,
 * and a family may skip whatever of its own last layer no answer depends on ({@link #body}). Rows are
 * right-padded and every layer is causal, so a row's logits at its own positions do not depend on its padding
 * or on the other rows of the batch.
 */
abstract class LanguageModelBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    protected final Architecture architecture;
    private final Block tokens;
    private final Block finalNorm;
    private final Block head;

    LanguageModelBlock(Architecture architecture) {
        super(VERSION);
        this.architecture = architecture;
        tokens = addChildBlock("tokens", new TokenLookup(architecture.vocabulary(), architecture.width()));
        addBody();
        finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(2).build());
        head = addChildBlock("head", Linear.builder().setUnits(architecture.vocabulary()).build());
    }

    /** Adds the family's layers as child blocks (called once, from the constructor, between embedding and head). */
    abstract void addBody();

    /**
     * Runs the family's layers: embedded tokens (batch, tokens, width) to states (batch, tokens, stateWidth),
     * or, when {@code answers} (batch) names one position per row, to the states at those positions only
     * (batch, 1, stateWidth).
     */
    abstract NDArray body(ParameterStore parameters, NDArray embedded, NDArray answers, boolean training);

    /** Initialises the family's layers for embedded input of the given shape. */
    abstract void initializeBody(NDManager manager, DataType dataType, Shape embedded);

    /** Width of the states the body returns. */
    abstract int stateWidth();

    @Override
    protected NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray embedded = embed(parameters, inputs.get(0), training);
        NDArray answers = inputs.size() > 1 ? inputs.get(1) : null;
        NDArray states = body(parameters, embedded, answers, training);
        NDArray logits = logits(parameters, states, training);
        return new NDList(answers == null ? logits : logits.squeeze(1));
    }

    /** Token embeddings of ids (batch, tokens): (batch, tokens, width). */
    NDArray embed(ParameterStore parameters, NDArray ids, boolean training) {
        return tokens.forward(parameters, new NDList(ids), training).singletonOrThrow();
    }

    /** Next-token logits (batch, rows, vocabulary) from the body's states (batch, rows, stateWidth). */
    NDArray logits(ParameterStore parameters, NDArray states, boolean training) {
        NDArray normed = finalNorm.forward(parameters, new NDList(states), training).singletonOrThrow();
        return head.forward(parameters, new NDList(normed), training).singletonOrThrow();
    }

    /**
     * The rows of {@code states} (batch, tokens, width) at one position per row, {@code positions} (batch):
     * (batch, 1, width). A one-hot product rather than a gather, so gradients flow through it on every engine.
     */
    static NDArray atPositions(NDArray states, NDArray positions) {
        NDArray rows = positions.oneHot((int) states.getShape().get(1)).expandDims(2);
        return states.mul(rows).sum(new int[] {1}, true);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return inputShapes.length > 1
                ? new Shape[] {new Shape(ids.get(0), architecture.vocabulary())}
                : new Shape[] {new Shape(ids.get(0), ids.get(1), architecture.vocabulary())};
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        tokens.initialize(manager, dataType, ids);
        Shape embedded = new Shape(ids.get(0), ids.get(1), architecture.width());
        initializeBody(manager, dataType, embedded);
        Shape states = new Shape(ids.get(0), ids.get(1), stateWidth());
        finalNorm.initialize(manager, dataType, states);
        head.initialize(manager, dataType, states);
    }
}
