package org.adrdstream.study.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;

import org.adrdstream.evaluation.Auroc;
import org.adrdstream.inference.RiskModel;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelpackage.PackageRefusedException;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.sft.TargetFormat;
import org.adrdstream.study.data.StudyData;
import org.adrdstream.study.grid.FewShotConfiguration;
import org.adrdstream.study.grid.FewShotConfiguration.Demonstrations;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.training.LanguageModelTrainer;
import org.adrdstream.training.PlattScaling;
import org.adrdstream.training.TrainingResult;

/**
 * Few-shot prompting of a base model (docs/study.md, "Few-shot"): pretrains a base (next token only, no
 * fine-tuning), then puts the same {@code k} training examples before every query, balanced between
 * outcomes: as prompt and answer, or as prompt and free-form rationale (the query then explains before it
 * answers, decoded greedily); or none (zero-shot). Demonstrations are rendered at half the token budget so
 * that two of them and the query fit the base model's context; a query's rationale is decoded up to the longest
 * demonstrated one plus {@value #RATIONALE_MARGIN} tokens. The read-out is calibrated on the validation
 * examples, prompted the same way.
 */
public final class FewShotRun implements StudyRun {

    private static final int SCORING_BATCH = 32;
    /** A query's rationale may run this much longer than the longest demonstrated one before the answer is forced. */
    private static final int RATIONALE_MARGIN = 16;

    private final FewShotConfiguration configuration;
    private final StudyData data;
    private final PredictionTask task;
    private final StudyContext context;
    private final String id;

    public FewShotRun(FewShotConfiguration configuration, StudyContext context) {
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
        return String.format(Locale.ROOT, "%s %s seed %d", configuration.name(), configuration.model(), configuration.seed());
    }

    @Override
    public ConfigurationResult execute(Path directory, PrintWriter log) throws IOException {
        long started = System.nanoTime();
        Path modelDirectory = directory.resolve("model");
        TrainingResult base = new LanguageModelTrainer(configuration.trainingConfig(id), task, context.rationales())
                .train(data.trainingData(Integer.MAX_VALUE), modelDirectory, TrainingLog.to(log));
        List<String> shown = new ArrayList<>();
        int longestRationale = demonstrations(shown);
        log.println("demonstrations: " + String.join(" ", shown));
        boolean decode = configuration.demonstrations() == Demonstrations.RATIONALE;
        int maxRationale = longestRationale + RATIONALE_MARGIN;
        RiskModel.Readout validation;
        RiskModel.Readout test;
        try (RiskModel model = RiskModel.load(base.modelPackage(), Device.cpu(), SCORING_BATCH)) {
            validation = model.readOutLaidOut(contexts(shown, data.validation()), decode, maxRationale);
            test = model.readOutLaidOut(contexts(shown, data.test()), decode, maxRationale);
        } catch (PackageRefusedException e) {
            throw new IOException(e.getMessage(), e);
        }
        ModelManifest.Calibration calibration = PlattScaling.fit(validation.logOdds(), data.validationLabels());
        double[] testRisk = calibration.probabilities(test.logOdds());
        Map<String, Estimate> metrics = TestMetrics.of(test.logOdds(), testRisk, data.testLabels(),
                calibration.probabilities(validation.logOdds()), data.validationLabels(), context.bootstrap());
        if (decode) {
            metrics.put("generated_rationales_faithful", Estimate.point(GeneratedRationales.faithfulShare(task, data.test(),
                    test.rationales(), RationaleStyle.FREEFORM)));
        }
        new Predictions(data.testPatients(), data.testLabels(), testRisk, test.logOdds())
                .write(directory.resolve("test-predictions.csv"));
        log.printf(Locale.ROOT, "test: %s%n", metrics);
        Map<String, Double> training = new LinkedHashMap<>(base.modelPackage().manifest().metrics());
        training.put("validation_auroc", Auroc.of(validation.logOdds(), data.validationLabels()));
        return new ConfigurationResult(id, context.grid(), describe(), data.fingerprint(), data.train().size(), metrics,
                training, (System.nanoTime() - started) / 1e9, modelDirectory.toString(),
                "runs/" + id + "/test-predictions.csv", Instant.now());
    }

    /**
     * Appends the demonstrations to {@code shown}: k training examples chosen by the seed, alternating positive
     * and negative. Returns the longest demonstrated rationale (0 for label demonstrations).
     */
    private int demonstrations(List<String> shown) {
        List<Example> positives = new ArrayList<>(data.train().stream().filter(Example::positive).toList());
        List<Example> negatives = new ArrayList<>(data.train().stream().filter(e -> !e.positive()).toList());
        Random random = new Random(configuration.seed());
        java.util.Collections.shuffle(positives, random);
        java.util.Collections.shuffle(negatives, random);
        PromptRenderer renderer = new PromptRenderer(task, configuration.recipe().tokenBudget() / 2);
        int longest = 0;
        for (int k = 0; k < configuration.shots(); k++) {
            Example example = (k % 2 == 0 ? positives : negatives).get(k / 2);
            List<String> prompt = renderer.render(example.history(), example.t0()).tokens();
            if (configuration.demonstrations() == Demonstrations.RATIONALE) {
                List<String> rationale = context.rationales().generate(example.history(), example.t0(), example.positive(),
                        RationaleStyle.FREEFORM).tokens();
                shown.addAll(TargetFormat.explainInput(prompt));
                shown.addAll(rationale);
                longest = Math.max(longest, rationale.size());
            } else {
                shown.addAll(prompt);
                shown.add(example.positive() ? PromptRenderer.ANSWER_YES : PromptRenderer.ANSWER_NO);
            }
        }
        return longest;
    }

    /** Demonstrations, then each query: as a prompt, or ending with the explain cue for rationale demonstrations. */
    private List<List<String>> contexts(List<String> demonstrations, List<Example> queries) {
        PromptRenderer renderer = new PromptRenderer(task, configuration.recipe().tokenBudget());
        List<List<String>> contexts = new ArrayList<>(queries.size());
        for (Example query : queries) {
            List<String> prompt = renderer.render(query.history(), query.t0()).tokens();
            List<String> full = new ArrayList<>(demonstrations);
            full.addAll(configuration.demonstrations() == Demonstrations.RATIONALE ? TargetFormat.explainInput(prompt) : prompt);
            contexts.add(full);
        }
        return contexts;
    }
}
