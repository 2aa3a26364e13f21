package org.adrdstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.calibration.RecordHistory;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.inference.OcclusionEvidence;
import org.adrdstream.inference.RiskModel;
import org.adrdstream.lm.Architecture;
import org.adrdstream.lm.ModelFamily;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.ModelPackage;
import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.prompt.Prompt;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.task.Eligibility;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;

/**
 * Scoring throughput of the same prompts through the same model, one at a time and in batches, next to the
 * machine's matrix-multiply peak measured through the same engine and thread count in the same run
 * (docs/benchmarks.md, "Scoring"). Models: the bundled default, and untrained small transformer and GRU
 * packages (weights do not change the arithmetic) sharing the default's tokenizer.
 */
final class ScoringBenchmark {

    static final int[] BATCH_SIZES = {1, 8, 32, 64};
    /** Occlusion candidates when measuring scores with evidence (the scorer's default), at batch 32. */
    static final int EVIDENCE_CANDIDATES = 4;
    private static final int EVIDENCE_BATCH = 32;
    private static final int PEAK_SIZE = 1024;
    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());

    private final Path work;
    private final List<PatientHistory> histories;

    ScoringBenchmark(Path work, int patients) {
        this.work = work;
        CohortSettings settings = CohortSettings.defaults(42);
        CohortGenerator generator = new CohortGenerator(settings, Pseudonymiser.withKey("adrd-stream-bench-key-0001"));
        this.histories = IntStream.range(0, patients * 3).parallel()
                .mapToObj(k -> RecordHistory.of(generator.patient(k), settings.feed()))
                .filter(h -> h.getLastEventTime() != null
                        && TASK.eligibility(h, h.getLastEventTime()) == Eligibility.ELIGIBLE)
                .limit(patients).toList();
    }

    /** The packages measured: name → directory. */
    Map<String, ModelPackage> packages() throws Exception {
        ModelRegistry registry = new ModelRegistry(work.resolve("models"));
        ModelPackage bundled = ModelPackage.open(BundledModel.installInto(registry));
        return Map.of("transformer-tiny (default)", bundled,
                "transformer-small", untrained(bundled, ModelFamily.TRANSFORMER, "small"),
                "recurrent-small", untrained(bundled, ModelFamily.RECURRENT, "small"));
    }

    /** Prompts of the benchmark's patients at their newest event, with the package's token budget. */
    List<Prompt> prompts(ModelPackage model) {
        PromptRenderer renderer = new PromptRenderer(TASK, model.manifest().tokenBudget());
        return histories.stream().map(h -> renderer.render(h, h.getLastEventTime())).toList();
    }

    /** One repetition's figures for one package: every batch size, then with evidence. */
    Run measure(String name, ModelPackage model, double peakGflops) throws Exception {
        List<Prompt> prompts = prompts(model);
        double[] rates = new double[BATCH_SIZES.length];
        for (int b = 0; b < rates.length; b++) {
            rates[b] = sequencesPerSecond(model, prompts, BATCH_SIZES[b], false);
        }
        double evidence = sequencesPerSecond(model, prompts, EVIDENCE_BATCH, true);
        return new Run(name, rates, evidence, flops(model, prompts) / prompts.size() / 1e9, peakGflops);
    }

    /** Medians per model and batch size, with DESIGN's and issue 6's targets. */
    static BenchReport report(List<Run> runs, Collection<String> models, Map<String, Object> parameters) {
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        Map<String, BenchReport.Target> targets = new LinkedHashMap<>();
        metrics.put("peak_matmul_gflops", BenchReport.stats(runs, Run::peakGflops));
        for (String model : models) {
            List<Run> own = runs.stream().filter(r -> r.model().equals(model)).toList();
            for (int b = 0; b < BATCH_SIZES.length; b++) {
                int index = b;
                metrics.put(model + " seq/s batch " + BATCH_SIZES[b], BenchReport.stats(own, r -> r.sequencesPerSecond()[index]));
            }
            metrics.put(model + " best batched / one-at-a-time", BenchReport.stats(own, Run::batchedOverSingle));
            metrics.put(model + " best fraction of peak", BenchReport.stats(own, Run::bestFractionOfPeak));
            metrics.put(model + " patients/s with evidence", BenchReport.stats(own, Run::evidencePatientsPerSecond));
            targets.put(model + " best batched / one-at-a-time", BenchReport.Target.atLeast(5)); // issue 6
            targets.put(model + " best fraction of peak", BenchReport.Target.atLeast(0.6)); // DESIGN section 7
        }
        return new BenchReport("scoring", parameters, metrics, runs).withTargets(targets);
    }

    /** Sequences per second scoring {@code prompts} with at most {@code batch} per forward pass. */
    static double sequencesPerSecond(ModelPackage model, List<Prompt> prompts, int batch, boolean evidence) throws Exception {
        try (RiskModel loaded = RiskModel.load(model, Device.cpu(), batch)) {
            List<List<String>> sequences = prompts.stream().map(Prompt::tokens).toList();
            loaded.logOdds(sequences.subList(0, Math.min(16, sequences.size()))); // warm-up: first-call allocation
            long started = System.nanoTime();
            if (evidence) {
                new OcclusionEvidence(EVIDENCE_CANDIDATES, 3).score(loaded, prompts);
            } else {
                loaded.logOdds(sequences);
            }
            return prompts.size() / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** FLOPs of scoring every prompt once (body at every token, head at the answer only). */
    static double flops(ModelPackage model, List<Prompt> prompts) {
        Architecture architecture = model.manifest().architecture();
        return prompts.stream().mapToDouble(p -> architecture.sequenceFlops(p.tokens().size(), false)).sum();
    }

    /**
     * GFLOP/s of a float32 {@value #PEAK_SIZE}³ matrix multiply through the engine, best of 5 after 3 warm-up
     * multiplies (the first ones after the engine starts run well below the machine's rate).
     */
    static double peakGflops() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = manager.randomUniform(0, 1, new Shape(PEAK_SIZE, PEAK_SIZE), DataType.FLOAT32);
            NDArray b = manager.randomUniform(0, 1, new Shape(PEAK_SIZE, PEAK_SIZE), DataType.FLOAT32);
            for (int i = 0; i < 3; i++) {
                try (NDArray warmUp = a.matMul(b)) {
                    warmUp.getFloat(0, 0);
                }
            }
            double best = 0;
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                best = Math.max(best, 2.0 * PEAK_SIZE * PEAK_SIZE * PEAK_SIZE / (System.nanoTime() - started));
            }
            return best;
        }
    }

    /** An untrained package of another family and size, with the default model's tokenizer. */
    private ModelPackage untrained(ModelPackage base, ModelFamily family, String size) throws IOException {
        ModelManifest m = base.manifest();
        Architecture architecture = Architecture.of(family, size, m.architecture().maxTokens(), m.architecture().vocabulary());
        String name = family.name().toLowerCase(java.util.Locale.ROOT) + "-" + size;
        ModelManifest manifest = new ModelManifest(name, "untrained", architecture, m.target(), m.promptVersion(),
                m.tokenBudget(), m.taskCodeList(), Map.of("note", "untrained: throughput only"), "none", Map.of(),
                m.calibration(), null, null, Instant.now());
        try (Model model = Model.newInstance(name, Device.cpu(), "PyTorch")) {
            model.setBlock(architecture.newBlock());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, architecture.maxTokens()));
            Path directory = work.resolve("models").resolve(name).resolve("untrained");
            Files.createDirectories(directory);
            return ModelPackage.write(directory, manifest, model.getBlock(), base.tokenizer());
        }
    }

    /**
     * One repetition's figures for one model.
     *
     * @param sequencesPerSecond per batch size, in {@link #BATCH_SIZES} order
     * @param evidencePatientsPerSecond patients/s at batch 32 with {@link #EVIDENCE_CANDIDATES} occlusion candidates
     */
    record Run(String model, double[] sequencesPerSecond, double evidencePatientsPerSecond, double gflopsPerSequence,
               double peakGflops) {

        double batchedOverSingle() {
            double best = 0;
            for (int i = 1; i < sequencesPerSecond.length; i++) {
                best = Math.max(best, sequencesPerSecond[i]);
            }
            return best / sequencesPerSecond[0];
        }

        double bestFractionOfPeak() {
            double best = 0;
            for (double rate : sequencesPerSecond) {
                best = Math.max(best, rate);
            }
            return best * gflopsPerSequence / peakGflops;
        }
    }
}
