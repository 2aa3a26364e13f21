package org.adrdstream.inference;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.lm.Architecture;
import org.adrdstream.lm.SharedPrefixBatch;
import org.adrdstream.lm.SharedPrefixReadout;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.prompt.Prompt;
import org.adrdstream.sft.TargetFormat;
import org.adrdstream.tokenizer.PromptTokenizer;

/**
 * A verified model package loaded for inference on one device: prompts in, calibrated five-year risks out.
 *
 * <p>{@link #logOdds} runs one forward pass per sub-batch of at most {@code maxBatch} prompts of similar
 * length (sorted by length, right-padded to the longest of each sub-batch), and reads only the answer
 * position; a model trained to explain first decodes its rationale greedily ({@link RationaleDecoder}).
 * Results come back in the order given. Safe to call from several threads; close once.
 */
public final class RiskModel implements AutoCloseable {

    private final ModelPackage modelPackage;
    private final Model model;
    private final Block block;
    private final PromptTokenizer tokenizer;
    private final int maxBatch;
    private final RationaleDecoder decoder;

    private RiskModel(ModelPackage modelPackage, Model model, PromptTokenizer tokenizer, int maxBatch) {
        this.modelPackage = modelPackage;
        this.model = model;
        this.block = model.getBlock();
        this.tokenizer = tokenizer;
        this.maxBatch = maxBatch;
        this.decoder = new RationaleDecoder(this, tokenizer, modelPackage.manifest().architecture().maxTokens(), maxBatch);
    }

    /**
     * Loads a package opened by {@link ModelPackage#open} (so its hashes and prompt version are checked).
     *
     * @param maxBatch most prompts per forward pass (choose by measurement: docs/benchmarks.md "Scoring")
     */
    public static RiskModel load(ModelPackage modelPackage, Device device, int maxBatch) throws PackageRefusedException {
        ModelManifest manifest = modelPackage.manifest();
        Architecture architecture = manifest.architecture();
        Model model = Model.newInstance(manifest.name() + "-" + manifest.version(), device, "PyTorch");
        try {
            model.setBlock(architecture.newBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, architecture.maxTokens()));
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(modelPackage.weights())))) {
                model.getBlock().loadParameters(model.getNDManager(), in);
            }
            // Stream threads start with PyTorch's autograd on: without this every forward pass would record a graph.
            for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
                parameter.getValue().getArray().setRequiresGradient(false);
            }
            return new RiskModel(modelPackage, model, PromptTokenizer.load(modelPackage.tokenizer()), Math.max(1, maxBatch));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new PackageRefusedException("cannot load model " + manifest.name() + " " + manifest.version()
                    + " from " + modelPackage.directory() + ": " + e.getMessage(), e);
        }
    }

    public ModelManifest manifest() {
        return modelPackage.manifest();
    }

    public PromptTokenizer tokenizer() {
        return tokenizer;
    }

    /** Calibrated probabilities of ADRD within the horizon, one per prompt. */
    public double[] scores(List<Prompt> prompts) {
        double[] logOdds = logOdds(prompts.stream().map(Prompt::tokens).toList());
        ModelManifest.Calibration calibration = manifest().calibration();
        for (int i = 0; i < logOdds.length; i++) {
            logOdds[i] = calibration.probability(logOdds[i]);
        }
        return logOdds;
    }

    /**
     * Log-odds of "yes" against "no" at the answer position, one per prompt, in the layout of the model's
     * target ({@link TargetFormat#scoringInput}); rationale models first decode their rationale greedily.
     */
    public double[] logOdds(List<List<String>> prompts) {
        return readOut(prompts).logOdds();
    }

    /** The log-odds and, for models that decode one, each prompt's generated rationale. */
    public Readout readOut(List<List<String>> prompts) {
        TrainingTarget target = manifest().target();
        return readOutLaidOut(prompts.stream().map(p -> TargetFormat.scoringInput(target, p)).toList(),
                TargetFormat.decodesRationale(target), Integer.MAX_VALUE);
    }

    /**
     * The read-out after inputs already laid out by the caller (e.g. a few-shot context: demonstrations, then
     * the query), decoding a rationale of at most {@code maxRationaleTokens} first when asked.
     */
    public Readout readOutLaidOut(List<List<String>> inputs, boolean decodeRationale, int maxRationaleTokens) {
        List<long[]> encoded = inputs.stream().map(this::encode).toList();
        if (!decodeRationale) {
            return new Readout(inBatches(encoded, this::answerLogOdds), List.of());
        }
        List<long[]> completed = decoder.complete(encoded, maxRationaleTokens);
        List<List<String>> rationales = new ArrayList<>(completed.size());
        for (int i = 0; i < completed.size(); i++) {
            long[] rationale = java.util.Arrays.copyOfRange(completed.get(i), encoded.get(i).length, completed.get(i).length);
            rationales.add(tokenizer.tokens(rationale));
        }
        return new Readout(inBatches(completed, this::answerLogOdds), rationales);
    }

    /**
     * Log-odds of prompts and of variants of them (occlusion evidence: each with one item left out), in the
     * order given: {@code variantOf[i]} is the index of the prompt that sequence {@code i} varies, or -1 for a
     * prompt. Where the model can ({@link SharedPrefixReadout}, and a target that answers without decoding),
     * a variant reuses its prompt's keys and values for the tokens they share, so a variant that differs near
     * its end costs little; the results equal {@link #logOdds(List)} of the same sequences up to float
     * rounding. A sub-batch holds at most {@code maxBatch} prompts, with all their variants.
     */
    public double[] logOdds(List<List<String>> sequences, int[] variantOf) {
        List<List<Integer>> variants = variantsByPrompt(variantOf, sequences.size());
        List<Integer> prompts = new ArrayList<>();
        for (int i = 0; i < variantOf.length; i++) {
            if (variantOf[i] == -1) {
                prompts.add(i);
            }
        }
        TrainingTarget target = manifest().target();
        if (!(block instanceof SharedPrefixReadout shared) || TargetFormat.decodesRationale(target)) {
            return logOdds(sequences);
        }
        List<long[]> encoded = sequences.stream().map(s -> encode(TargetFormat.scoringInput(target, s))).toList();
        prompts.sort(Comparator.comparingInt(i -> encoded.get(i).length));
        double[] result = new double[sequences.size()];
        for (int from = 0; from < prompts.size(); from += maxBatch) {
            List<Integer> batch = prompts.subList(from, Math.min(prompts.size(), from + maxBatch));
            List<Integer> rows = new ArrayList<>(batch);
            List<long[]> variantIds = new ArrayList<>();
            List<Integer> variantRows = new ArrayList<>();
            for (int row = 0; row < batch.size(); row++) {
                for (int variant : variants.get(batch.get(row))) {
                    variantIds.add(encoded.get(variant));
                    variantRows.add(row);
                    rows.add(variant);
                }
            }
            List<long[]> promptIds = batch.stream().map(encoded::get).toList();
            float[] values = variantIds.isEmpty() ? answerLogOdds(promptIds)
                    : sharedPrefixLogOdds(shared, promptIds, variantIds, variantRows.stream().mapToInt(Integer::intValue).toArray());
            for (int k = 0; k < rows.size(); k++) {
                result[rows.get(k)] = values[k];
            }
        }
        return result;
    }

    /** For each sequence, the indices of the sequences that vary it (empty for a variant). */
    private static List<List<Integer>> variantsByPrompt(int[] variantOf, int sequences) {
        if (variantOf.length != sequences) {
            throw new IllegalArgumentException(variantOf.length + " variant links for " + sequences + " sequences");
        }
        List<List<Integer>> variants = new ArrayList<>(sequences);
        for (int i = 0; i < sequences; i++) {
            variants.add(new ArrayList<>());
        }
        for (int i = 0; i < sequences; i++) {
            int prompt = variantOf[i];
            if (prompt != -1 && (prompt < 0 || prompt >= sequences || variantOf[prompt] != -1)) {
                throw new IllegalArgumentException("sequence " + i + " varies " + prompt + ", which is not a prompt");
            }
            if (prompt != -1) {
                variants.get(prompt).add(i);
            }
        }
        return variants;
    }

    private float[] sharedPrefixLogOdds(SharedPrefixReadout shared, List<long[]> prompts, List<long[]> variants,
                                        int[] variantOf) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray logits = shared.readOut(new ParameterStore(manager, false),
                    SharedPrefixBatch.of(manager, prompts, variants, variantOf));
            return yesOverNo(logits);
        }
    }

    private long[] encode(List<String> input) {
        long[] ids = tokenizer.encode(input);
        if (ids.length == 0 || ids.length > manifest().architecture().maxTokens()) {
            throw new IllegalArgumentException("prompt of " + ids.length + " tokens; model takes 1 to "
                    + manifest().architecture().maxTokens());
        }
        return ids;
    }

    /**
     * Runs {@code forward} over sub-batches of at most {@code maxBatch} sequences of similar length (sorted by
     * length, right-padded to the longest of each) and returns its results in the order given.
     */
    private double[] inBatches(List<long[]> encoded, java.util.function.Function<List<long[]>, float[]> forward) {
        Integer[] order = new Integer[encoded.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> encoded.get(i).length));
        double[] result = new double[encoded.size()];
        for (int from = 0; from < order.length; from += maxBatch) {
            int to = Math.min(order.length, from + maxBatch);
            List<long[]> batch = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                batch.add(encoded.get(order[k]));
            }
            float[] values = forward.apply(batch);
            for (int k = from; k < to; k++) {
                result[order[k]] = values[k - from];
            }
        }
        return result;
    }

    /** Log-odds of yes against no after the last token of each sequence. */
    private float[] answerLogOdds(List<long[]> batch) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            return yesOverNo(lastLogits(manager, batch));
        }
    }

    /** Log-odds of yes against no from next-token logits (rows, vocabulary). */
    private float[] yesOverNo(NDArray logits) {
        NDArray yes = logits.get(new NDIndex(":, {}", tokenizer.yesId()));
        NDArray no = logits.get(new NDIndex(":, {}", tokenizer.noId()));
        return yes.sub(no).toFloatArray();
    }

    /** The most likely next token after each sequence. */
    long[] mostLikelyNext(List<long[]> batch) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            return lastLogits(manager, batch).argMax(1).toLongArray();
        }
    }

    /** Next-token logits (rows, vocabulary) after the last token of each sequence; rows right-padded. */
    private NDArray lastLogits(NDManager manager, List<long[]> batch) {
        int length = 0;
        for (long[] sequence : batch) {
            length = Math.max(length, sequence.length);
        }
        long[][] ids = new long[batch.size()][length];
        long[] answerPositions = new long[batch.size()];
        for (int row = 0; row < batch.size(); row++) {
            long[] sequence = batch.get(row);
            System.arraycopy(sequence, 0, ids[row], 0, sequence.length);
            answerPositions[row] = sequence.length - 1;
        }
        NDList inputs = new NDList(manager.create(ids), manager.create(answerPositions));
        return block.forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow();
    }

    /**
     * What {@link #readOut} gives.
     *
     * @param logOdds    one per prompt
     * @param rationales one per prompt for rationale-decoding models (the generated tokens up to and including
     *                   the answer cue), else empty
     */
    public record Readout(double[] logOdds, List<List<String>> rationales) {
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
