package org.adrdstream.lm;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;

/** Decoder-only transformer: learned positions added to the token embedding, then pre-LayerNorm decoder blocks. */
final class TransformerLanguageModel extends LanguageModelBlock {

    private Block positions;
    private List<Block> layers;

    TransformerLanguageModel(Architecture architecture) {
        super(architecture);
    }

    @Override
    void addBody() {
        positions = addChildBlock("positions", new IdEmbedding.Builder()
                .setDictionarySize(architecture.maxTokens()).setEmbeddingSize(architecture.width()).build());
        layers = new ArrayList<>(architecture.layers());
        for (int i = 0; i < architecture.layers(); i++) {
            layers.add(addChildBlock("decoder_" + i, new DecoderLayer(architecture)));
        }
    }

    @Override
    NDArray body(ParameterStore parameters, NDArray embedded, boolean training) {
        long length = embedded.getShape().get(1);
        if (length > architecture.maxTokens()) {
            throw new IllegalArgumentException("sequence of " + length + " tokens is longer than the model's "
                    + architecture.maxTokens());
        }
        NDArray index = embedded.getManager().arange(0, (int) length, 1, DataType.INT64);
        NDArray x = embedded.add(positions.forward(parameters, new NDList(index), training).singletonOrThrow());
        for (Block layer : layers) {
            x = layer.forward(parameters, new NDList(x), training).singletonOrThrow();
        }
        return x;
    }

    @Override
    void initializeBody(NDManager manager, DataType dataType, Shape embedded) {
        positions.initialize(manager, dataType, new Shape(embedded.get(1)));
        for (Block layer : layers) {
            layer.initialize(manager, dataType, embedded);
        }
    }

    @Override
    int stateWidth() {
        return architecture.width();
    }
}
