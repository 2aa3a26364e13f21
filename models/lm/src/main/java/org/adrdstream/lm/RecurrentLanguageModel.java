package org.adrdstream.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;

/** Recurrent language model: token embeddings through a stack of GRU layers (batch first). */
final class RecurrentLanguageModel extends LanguageModelBlock {

    private Block recurrent;

    RecurrentLanguageModel(Architecture architecture) {
        super(architecture);
    }

    @Override
    void addBody() {
        recurrent = addChildBlock("gru", GRU.builder().setNumLayers(architecture.layers())
                .setStateSize(architecture.hidden()).optBatchFirst(true).optReturnState(false).build());
    }

    @Override
    NDArray body(ParameterStore parameters, NDArray embedded, NDArray answers, boolean training) {
        NDArray states = recurrent.forward(parameters, new NDList(embedded), training).get(0);
        return answers == null ? states : atPositions(states, answers);
    }

    @Override
    void initializeBody(NDManager manager, DataType dataType, Shape embedded) {
        recurrent.initialize(manager, dataType, embedded);
    }

    @Override
    int stateWidth() {
        return architecture.hidden();
    }
}
