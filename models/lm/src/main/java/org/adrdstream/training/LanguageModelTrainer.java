package org.adrdstream.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.adrdstream.baseline.CodeCountBaseline;
import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.evaluation.Auroc;
import org.adrdstream.evaluation.BrierScore;
import org.adrdstream.inference.RiskModel;
import org.adrdstream.lm.Architecture;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.rationale.RationaleSource;
import org.adrdstream.sft.SftSequence;
import org.adrdstream.sft.TargetFormat;
import org.adrdstream.task.AdrdCodeList;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.tokenizer.PromptTokenizer;
import org.adrdstream.tokenizer.VocabularyTrainer;

/**
 * Trains one model and writes its package: tokenizer from the training prompts (and rationales), next-token
 * pretraining on unlabelled training-split histories, fine-tuning on the configured target (the answer token
 * alone, or rationale sequences: {@link TargetFormat}), then Platt calibration and metrics on the validation examples, read back through the written
 * package (so what is measured is what the scorer will load), next to the code-count logistic-regression
 * baseline on the same examples.
 */
public final class LanguageModelTrainer {

    private static final int DECODING_MARGIN = 16;
    /** A base model's context, in prompts of the token budget: room for two demonstrations and the query. */
    private static final int BASE_CONTEXT_PROMPTS = 4;

    private final TrainingConfig config;
    private final PredictionTask task;
    private final PromptRenderer renderer;
    private final RationaleSource rationales;
    private final RationaleCorpus corpus;

    public LanguageModelTrainer(TrainingConfig config, PredictionTask task) {
        this(config, task, new RationaleGenerator(task));
    }

    /** With rationales from {@code rationales} (e.g. a teacher model) instead of the built-in generator. */
    public LanguageModelTrainer(TrainingConfig config, PredictionTask task, RationaleSource rationales) {
        this.config = config;
        this.task = task;
        this.renderer = new PromptRenderer(task, config.tokenBudget());
        this.rationales = rationales;
        this.corpus = new RationaleCorpus(task, rationales);
    }

    /** Trains on {@code data} and writes the package to {@code directory}. */
    public TrainingResult train(TrainingData data, Path directory, TrainingProgress progress) throws IOException {
        long started = System.nanoTime();
        List<List<String>> prompts = data.train().stream().map(e -> renderer.render(e.history(), e.t0()).tokens()).toList();
        List<List<String>> pretraining = new ArrayList<>(data.pretraining().stream()
                .filter(h -> h.getLastEventTime() != null)
                .map(h -> renderer.render(h, h.getLastEventTime()).tokens()).toList());
        if (config.reasoningBase()) {
            pretraining.addAll(corpus.text(data.train(), prompts));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<SftSequence> sequences = TargetFormat.usesRationales(config.target())
                ? corpus.sequences(config.target(), data.train(), prompts, positiveWeight(data.train()), metrics) : List.of();
        boolean base = config.target() == TrainingTarget.BASE;
        Path tokenizerFile = directory.resolve(ModelPackage.TOKENIZER);
        // A base model's vocabulary also holds what few-shot demonstrations show (it is never trained on them).
        List<List<String>> vocabularyText = base ? corpus.text(data.train(), prompts)
                : sequences.isEmpty() ? prompts : sequences.stream().map(SftSequence::tokens).toList();
        int vocabulary = writeTokenizer(pretraining, vocabularyText, tokenizerFile);
        int longestPretraining = pretraining.stream().mapToInt(List::size).max().orElse(0); // rationale text is longer
        int maxTokens = base ? BASE_CONTEXT_PROMPTS * (config.tokenBudget() + 1)
                : Math.max(maxTokens(sequences), longestPretraining);
        Architecture architecture = Architecture.of(config.family(), config.size(), maxTokens, vocabulary);
        Engine.getInstance().setRandomSeed((int) config.seed());
        long tokens;
        try (PromptTokenizer tokenizer = PromptTokenizer.load(tokenizerFile);
             Model model = Model.newInstance(config.name(), Device.cpu(), "PyTorch")) {
            model.setBlock(architecture.newBlock());
            try (Trainer trainer = model.newTrainer(trainerConfig(config.learningRate()))) {
                trainer.initialize(new Shape(config.batchSize(), architecture.maxTokens()));
                Random random = new Random(config.seed());
                List<long[]> histories = encode(tokenizer, pretraining);
                tokens = pretrain(trainer, base ? SequenceBatches.packed(histories, maxTokens) : histories, random, progress);
                if (sequences.isEmpty()) {
                    tokens += fineTune(trainer, encode(tokenizer, prompts), data.train(), tokenizer, random, progress);
                } else {
                    SequenceFineTuner.Outcome outcome = new SequenceFineTuner(trainer,
                            TargetFormat.separateLosses(config.target()), config.batchSize())
                            .run(sequences, tokenizer, config.fineTuneEpochs(), random, progress);
                    tokens += outcome.tokens();
                    for (int e = 0; e < outcome.answerShares().length; e++) {
                        metrics.put("answer_loss_share_epoch_" + (e + 1), outcome.answerShares()[e]);
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            ModelPackage written = ModelPackage.write(directory,
                    manifest(architecture, data, Map.of(), ModelManifest.Calibration.IDENTITY), model.getBlock(), tokenizerFile);
            return calibrate(written, data, metrics, tokens, seconds);
        }
    }

    /**
     * Positions the model has: the prompt and its answer, or for rationale targets the longest training
     * sequence plus {@value #DECODING_MARGIN} (a decoded rationale may run longer than any seen in training;
     * decoding stops at this length).
     */
    private int maxTokens(List<SftSequence> sequences) {
        int longest = sequences.stream().mapToInt(s -> s.tokens().size()).max().orElse(0);
        return sequences.isEmpty() ? config.tokenBudget() + 1 : Math.max(config.tokenBudget() + 1, longest) + DECODING_MARGIN;
    }

    private int writeTokenizer(List<List<String>> pretraining, List<List<String>> prompts, Path file) throws IOException {
        VocabularyTrainer vocabulary = new VocabularyTrainer(config.maxVocabulary(), config.minTokenFrequency());
        pretraining.forEach(vocabulary::add);
        prompts.forEach(vocabulary::add);
        return vocabulary.writeTo(file);
    }

    /** Adam with gradient clipping at 1, on the CPU; shared with {@link TrainingThroughput}. */
    static DefaultTrainingConfig trainerConfig(float learningRate) {
        // The losses are computed in this class (masked next-token, weighted answer); the configured loss is unused.
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate))
                        .optClipGrad(1f).build())
                .optDevices(new Device[] {Device.cpu()});
    }

    private static List<long[]> encode(PromptTokenizer tokenizer, List<List<String>> sequences) {
        List<long[]> encoded = new ArrayList<>(sequences.size());
        sequences.forEach(tokens -> encoded.add(tokenizer.encode(tokens)));
        return encoded;
    }

    /** Next-token training: every position predicts the following token; padding is masked out. */
    private long pretrain(Trainer trainer, List<long[]> sequences, Random random, TrainingProgress progress) {
        List<int[]> epoch = SequenceBatches.of(lengths(sequences), config.batchSize(), random);
        int total = epoch.size() * config.pretrainEpochs();
        long tokens = 0;
        for (int step = 0; step < total; step++) {
            if (step > 0 && step % epoch.size() == 0) {
                epoch = SequenceBatches.of(lengths(sequences), config.batchSize(), random);
            }
            long[][] ids = SequenceBatches.padded(sequences, epoch.get(step % epoch.size()));
            double loss = nextTokenStep(trainer, ids, true);
            tokens += (long) ids.length * ids[0].length;
            progress.step("pretrain", step + 1, total, loss);
        }
        return tokens;
    }

    /** Label-only SFT: the answer token after each prompt, positives weighted as configured. */
    private long fineTune(Trainer trainer, List<long[]> prompts, List<Example> examples, PromptTokenizer tokenizer,
                          Random random, TrainingProgress progress) {
        double positiveWeight = positiveWeight(examples);
        int total = 0;
        long tokens = 0;
        List<List<int[]>> epochs = new ArrayList<>();
        for (int e = 0; e < config.fineTuneEpochs(); e++) {
            epochs.add(SequenceBatches.of(lengths(prompts), config.batchSize(), random));
            total += epochs.get(e).size();
        }
        int done = 0;
        for (List<int[]> epoch : epochs) {
            for (int[] batch : epoch) {
                long[] answers = new long[batch.length];
                float[] weights = new float[batch.length];
                long[] positions = new long[batch.length];
                for (int row = 0; row < batch.length; row++) {
                    boolean positive = examples.get(batch[row]).positive();
                    answers[row] = positive ? tokenizer.yesId() : tokenizer.noId();
                    weights[row] = (float) (positive ? positiveWeight : 1);
                    positions[row] = prompts.get(batch[row]).length - 1;
                }
                long[][] ids = SequenceBatches.padded(prompts, batch);
                try (NDManager manager = trainer.getManager().newSubManager()) {
                    NDArray target = manager.create(answers).expandDims(1);
                    NDArray weight = manager.create(weights);
                    NDList inputs = new NDList(manager.create(ids), manager.create(positions));
                    double loss = step(trainer, inputs, true, logits -> {
                        NDArray picked = logits.logSoftmax(-1).gather(target, 1).squeeze(1);
                        return picked.mul(weight).sum().neg().div(weight.sum());
                    });
                    tokens += (long) ids.length * ids[0].length;
                    progress.step("fine-tune", ++done, total, loss);
                }
            }
        }
        return tokens;
    }

    /**
     * One next-token step on right-padded ids (id 0 is padding and is masked out); returns the loss.
     *
     * @param requireFinite stop with an exception on a non-finite loss (training); the throughput benchmark,
     *                      which times steps on random data, records it instead
     */
    static double nextTokenStep(Trainer trainer, long[][] ids, boolean requireFinite) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray all = manager.create(ids);
            long length = ids[0].length;
            NDArray input = all.get(":, :{}", length - 1);
            NDArray target = all.get(":, 1:");
            NDArray mask = target.neq(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            return step(trainer, new NDList(input), requireFinite, logits -> {
                NDArray picked = logits.logSoftmax(-1).gather(target.expandDims(2), 2).squeeze(2);
                return picked.mul(mask).sum().neg().div(mask.sum());
            });
        }
    }

    static double step(Trainer trainer, NDList inputs, boolean requireFinite,
                       java.util.function.Function<NDArray, NDArray> lossOf) {
        double loss;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray value = lossOf.apply(trainer.forward(inputs).singletonOrThrow());
            loss = value.getFloat();
            if (requireFinite && !Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged (loss " + loss + "); lower the learning rate "
                        + "(docs/models.md, \"Training\")");
            }
            collector.backward(value);
        }
        trainer.step();
        return loss;
    }

    private double positiveWeight(List<Example> examples) {
        if (config.positiveWeight() > 0) {
            return config.positiveWeight();
        }
        long positives = examples.stream().filter(Example::positive).count();
        return positives == 0 ? 1 : (examples.size() - positives) / (double) positives;
    }

    /** Scores the validation examples through the written package, fits calibration and records the metrics. */
    private TrainingResult calibrate(ModelPackage uncalibrated, TrainingData data, Map<String, Double> trainingMetrics,
                                     long tokens, double seconds) throws IOException {
        double[] logOdds;
        try (RiskModel model = RiskModel.load(ModelPackage.open(uncalibrated.directory()), Device.cpu(), 32)) {
            logOdds = model.logOdds(data.validation().stream()
                    .map(e -> renderer.render(e.history(), e.t0()).tokens()).toList());
        } catch (PackageRefusedException e) {
            throw new IOException("the package just written does not load: " + e.getMessage(), e);
        }
        boolean[] positive = new boolean[logOdds.length];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = data.validation().get(i).positive();
        }
        ModelManifest.Calibration calibration = PlattScaling.fit(logOdds, positive);
        double[] probabilities = new double[logOdds.length];
        for (int i = 0; i < logOdds.length; i++) {
            probabilities[i] = calibration.probability(logOdds[i]);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        double auroc = Auroc.of(logOdds, positive);
        metrics.put("validation_auroc", auroc);
        metrics.put("validation_brier", BrierScore.of(probabilities, positive));
        metrics.put("validation_examples", (double) positive.length);
        metrics.put("validation_positives", (double) data.validation().stream().filter(Example::positive).count());
        metrics.put("train_examples", (double) data.train().size());
        metrics.put("train_positives", (double) data.train().stream().filter(Example::positive).count());
        metrics.put("pretrain_histories", (double) data.pretraining().size());
        double baseline = CodeCountBaseline.fit(task, data.train(), data.validation()).validationAuroc();
        metrics.put("baseline_lr_validation_auroc", baseline);
        metrics.putAll(trainingMetrics);
        metrics.put("train_seconds", seconds);
        metrics.put("train_tokens_per_second", tokens / seconds);
        Architecture architecture = uncalibrated.manifest().architecture();
        ModelManifest manifest = manifest(architecture, data, metrics, calibration);
        ModelPackage complete = ModelPackage.rewriteManifest(uncalibrated, manifest);
        return new TrainingResult(complete, auroc, tokens, tokens / seconds, logOdds);
    }

    private ModelManifest manifest(Architecture architecture, TrainingData data, Map<String, Double> metrics,
                                   ModelManifest.Calibration calibration) {
        Map<String, Object> training = new LinkedHashMap<>(config.asManifestEntry());
        training.put("data", data.source());
        training.put("task", Map.of("minimum_age_years", task.config().minimumAgeYears(),
                "horizon_years", task.config().horizonYears(), "death_without_adrd", task.config().deathWithoutAdrd().name()));
        if (TargetFormat.usesRationales(config.target())) {
            training.put("rationales", rationales.version());
        }
        return new ModelManifest(config.name(), config.version(), architecture, config.target(),
                PromptRenderer.VERSION, config.tokenBudget(), AdrdCodeList.VERSION, training, fingerprint(data),
                metrics, calibration, null, null, Instant.now());
    }

    /** SHA-256 over every example (split, pseudonym, t0, label) and pretraining pseudonym, in order. */
    static String fingerprint(TrainingData data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Example e : data.train()) {
                digest.update(("train|" + e.history().getPatientId() + "|" + e.t0() + "|" + e.label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (Example e : data.validation()) {
                digest.update(("validation|" + e.history().getPatientId() + "|" + e.t0() + "|" + e.label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            data.pretraining().forEach(h -> digest.update(("pretrain|" + h.getPatientId() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] lengths(List<long[]> sequences) {
        return sequences.stream().mapToInt(s -> s.length).toArray();
    }
}
