package org.adrdstream.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The read-out at answer positions (what scoring and label-only fine-tuning use) against the logits at every
 * position (pretraining): the transformer computes only the answer rows of its last block, so this is where a
 * wrong mask or row would show.
 */
class AnswerReadoutTest {

    private static final int MAX_TOKENS = 48;
    private static final int VOCABULARY = 40;
    /** Logits of these wide random weights reach tens; float sums in another order differ by ~1e-5 there. */
    private static final float TOLERANCE = 1e-4f;

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void logitsAtTheAnswerPositionsEqualThoseOfTheWholeSequence(ModelFamily family) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = Architecture.of(family, "tiny", MAX_TOKENS, VOCABULARY).newBlock();
            block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, MAX_TOKENS));
            Random random = new Random(7);
            long[][] ids = new long[6][MAX_TOKENS];
            long[] answers = new long[ids.length];
            for (int row = 0; row < ids.length; row++) {
                for (int t = 0; t < MAX_TOKENS; t++) {
                    ids[row][t] = random.nextInt(VOCABULARY); // what follows a row's answer is padding
                }
                answers[row] = row == 0 ? MAX_TOKENS - 1 : random.nextInt(MAX_TOKENS);
            }
            answers[1] = 0;
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray input = manager.create(ids);
            NDArray everywhere = block.forward(parameters, new NDList(input), false).singletonOrThrow();
            NDArray atAnswers = block.forward(parameters, new NDList(input, manager.create(answers)), false)
                    .singletonOrThrow();

            assertThat(atAnswers.getShape()).isEqualTo(new Shape(ids.length, VOCABULARY));
            for (int row = 0; row < ids.length; row++) {
                float[] expected = everywhere.get(new NDIndex("{}, {}, :", row, answers[row])).toFloatArray();
                float[] actual = atAnswers.get(row).toFloatArray();
                for (int v = 0; v < VOCABULARY; v++) {
                    assertThat(actual[v]).as("row %d, token %d", row, v).isCloseTo(expected[v], within(TOLERANCE));
                }
            }
            assertThat(atAnswers.get(0).sub(atAnswers.get(1)).abs().max().getFloat())
                    .as("rows with other tokens and answers give other logits").isGreaterThan(1e-2f);
        }
    }

    @Test
    void sharedPrefixReadOutEqualsRunningEachVariantWhole() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = Architecture.of(ModelFamily.TRANSFORMER, "tiny", MAX_TOKENS, VOCABULARY).newBlock();
            block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, MAX_TOKENS));
            Random random = new Random(11);
            List<long[]> sequences = new ArrayList<>();
            List<long[]> variants = new ArrayList<>();
            List<Integer> variantOf = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                long[] sequence = random.longs(8 + random.nextInt(MAX_TOKENS - 8), 0, VOCABULARY).toArray();
                sequences.add(sequence);
                // Spans cut near the end (the evidence case), at the very start, and just before the answer.
                int[][] cuts = {{sequence.length - 5, sequence.length - 3}, {0, 2}, {sequence.length - 2, sequence.length - 1},
                    {random.nextInt(sequence.length - 2), sequence.length - 1}};
                for (int[] cut : cuts) {
                    long[] variant = new long[sequence.length - (cut[1] - cut[0])];
                    System.arraycopy(sequence, 0, variant, 0, cut[0]);
                    System.arraycopy(sequence, cut[1], variant, cut[0], sequence.length - cut[1]);
                    variants.add(variant);
                    variantOf.add(s);
                }
            }
            ParameterStore parameters = new ParameterStore(manager, false);
            float[][] shared = rows(((SharedPrefixReadout) block).readOut(parameters, SharedPrefixBatch.of(manager,
                    sequences, variants, variantOf.stream().mapToInt(Integer::intValue).toArray())));

            List<long[]> whole = new ArrayList<>(sequences);
            whole.addAll(variants);
            assertThat(shared.length).isEqualTo(whole.size());
            for (int row = 0; row < whole.size(); row++) {
                long[] ids = whole.get(row);
                NDArray alone = block.forward(parameters, new NDList(manager.create(new long[][] {ids}),
                        manager.create(new long[] {ids.length - 1})), false).singletonOrThrow();
                float[] expected = alone.toFloatArray();
                for (int v = 0; v < VOCABULARY; v++) {
                    assertThat(shared[row][v]).as("row %d, token %d", row, v).isCloseTo(expected[v], within(TOLERANCE));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void threadsRunningOneBlockAtOnceGetTheLogitsOfOneThread(ModelFamily family) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = Architecture.of(family, "tiny", MAX_TOKENS, VOCABULARY).newBlock();
            block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, MAX_TOKENS));
            Random random = new Random(5);
            long[][] ids = new long[8][];
            for (int row = 0; row < ids.length; row++) {
                ids[row] = random.longs(MAX_TOKENS, 0, VOCABULARY).toArray();
            }
            Callable<float[]> forward = () -> {
                try (NDManager scope = manager.newSubManager()) {
                    return block.forward(new ParameterStore(scope, false), new NDList(scope.create(ids)), false)
                            .singletonOrThrow().toFloatArray();
                }
            };
            float[] alone = forward.call();
            ExecutorService threads = Executors.newFixedThreadPool(3);
            try {
                List<Future<float[]>> runs = new ArrayList<>();
                for (int run = 0; run < 30; run++) {
                    runs.add(threads.submit(forward));
                }
                for (Future<float[]> run : runs) {
                    assertThat(run.get(1, TimeUnit.MINUTES)).containsExactly(alone);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static float[][] rows(NDArray logits) {
        float[][] rows = new float[(int) logits.getShape().get(0)][];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = logits.get(row).toFloatArray();
        }
        return rows;
    }
}
