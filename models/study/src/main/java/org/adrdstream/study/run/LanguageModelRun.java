package org.adrdstream.study.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ai.djl.Device;

import org.adrdstream.inference.RiskModel;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.sft.TargetFormat;
import org.adrdstream.study.data.StudyData;
import org.adrdstream.study.grid.StudyConfiguration;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.training.LanguageModelTrainer;
import org.adrdstream.training.TrainingResult;

/**
 * Trains one configuration's model (pretraining, fine-tuning on its target, calibration on validation), scores
 * the shared test set through the written package (rationale models decode their rationales first) and
 * measures it; also checks the rationales the model generated for the test patients against their histories.
 */
public final class LanguageModelRun implements StudyRun {

    private static final int SCORING_BATCH = 32;

    private final StudyConfiguration configuration;
    private final StudyData data;
    private final PredictionTask task;
    private final StudyContext context;
    private final String id;

    public LanguageModelRun(StudyConfiguration configuration, StudyContext context) {
        this.configuration = configuration;
        this.data = context.data();
        this.task = context.task();
        this.context = context;
        this.id = configuration.id(data.fingerprint(), context.rationales().version());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, Object> describe() {
        return configuration.describe();
    }

    @Override
    public String label() {
        return String.format(Locale.ROOT, "%s %s n=%s seed %d", configuration.target(), configuration.model(),
                configuration.scale() == Integer.MAX_VALUE ? "all" : configuration.scale(), configuration.seed());
    }

    @Override
    public ConfigurationResult execute(Path directory, PrintWriter log) throws IOException {
        long started = System.nanoTime();
        Path modelDirectory = directory.resolve("model");
        TrainingResult trained = new LanguageModelTrainer(configuration.trainingConfig(id), task, context.rationales())
                .train(data.trainingData(configuration.scale()), modelDirectory, TrainingLog.to(log));
        ModelManifest manifest = trained.modelPackage().manifest();
        log.printf(Locale.ROOT, "trained: validation AUROC %.4f, %.0f tokens/s%n", trained.validationAuroc(),
                trained.tokensPerSecond());
        PromptRenderer renderer = new PromptRenderer(task, manifest.tokenBudget());
        RiskModel.Readout readout;
        try (RiskModel model = RiskModel.load(trained.modelPackage(), Device.cpu(), SCORING_BATCH)) {
            readout = model.readOut(data.test().stream().map(e -> renderer.render(e.history(), e.t0()).tokens()).toList());
        } catch (PackageRefusedException e) {
            throw new IOException(e.getMessage(), e);
        }
        double[] test = manifest.calibration().probabilities(readout.logOdds());
        double[] validation = manifest.calibration().probabilities(trained.validationLogOdds());
        Map<String, Estimate> metrics = TestMetrics.of(readout.logOdds(), test, data.testLabels(), validation,
                data.validationLabels(), context.bootstrap());
        if (TargetFormat.decodesRationale(configuration.target())) {
            metrics.put("generated_rationales_faithful", Estimate.point(GeneratedRationales.faithfulShare(task, data.test(),
                    readout.rationales(), TargetFormat.style(configuration.target()))));
        }
        Predictions predictions = new Predictions(data.testPatients(), data.testLabels(), test, readout.logOdds());
        predictions.write(directory.resolve("test-predictions.csv"));
        log.printf(Locale.ROOT, "test: %s%n", metrics);
        return new ConfigurationResult(id, context.grid(), describe(), data.fingerprint(),
                data.trainingScale(configuration.scale()).size(), metrics, new LinkedHashMap<>(manifest.metrics()),
                (System.nanoTime() - started) / 1e9, modelDirectory.toString(),
                "runs/" + id + "/test-predictions.csv", Instant.now());
    }
}
