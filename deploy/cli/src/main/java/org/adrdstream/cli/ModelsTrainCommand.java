package org.adrdstream.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.inference.DjlEnvironment;
import org.adrdstream.lm.ModelFamily;
import org.adrdstream.modelpackage.ModelManifest;
import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.modelregistry.ModelRegistry;
import org.adrdstream.streams.scoring.ScoringSettings;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.adrdstream.training.LanguageModelTrainer;
import org.adrdstream.training.TrainingConfig;
import org.adrdstream.training.TrainingData;
import org.adrdstream.training.TrainingProgress;
import org.adrdstream.training.TrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code adrd models train}: generates a synthetic cohort, samples one example per patient, pretrains and
 * fine-tunes one model on one target and writes its package into the registry. With {@code --default} it runs
 * the recipe of the bundled default model (docs/models.md, "The default model").
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains one model (any fine-tuning target) on a generated cohort and writes its package.",
                "'adrd models train --default --out DIR' reproduces the bundled default model."})
final class ModelsTrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--default", description = "The bundled model's recipe: name, version and every setting below.")
    boolean defaultRecipe;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = BundledModel.NAME, description = "Model name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--version", paramLabel = "VERSION", defaultValue = BundledModel.VERSION,
            description = "Version to write (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--family", paramLabel = "transformer|recurrent", defaultValue = "transformer",
            description = "Model family (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--target", paramLabel = "TARGET", defaultValue = "LABEL_ONLY",
            description = "Fine-tuning target: LABEL_ONLY, RATIONALE_FREEFORM, RATIONALE_STEPWISE, LABEL_THEN_RATIONALE, "
                    + "ANSWER_WEIGHTED or MULTITASK (docs/study.md; default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--size", paramLabel = "tiny|small|base", defaultValue = "tiny", description = "Model size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "6000",
            description = "Generated patients, split 70/10/20 into train/validation/test; test is not read (default: ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--cohort-seed", paramLabel = "S", defaultValue = "42", description = "Cohort seed (default: ${DEFAULT-VALUE}).")
    long cohortSeed;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "Training seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pretrain-epochs", paramLabel = "N", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    int pretrainEpochs;

    @Option(names = "--fine-tune-epochs", paramLabel = "N", defaultValue = "3", description = "Default: ${DEFAULT-VALUE}.")
    int fineTuneEpochs;

    @Option(names = "--token-budget", paramLabel = "N", defaultValue = "192", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
    int tokenBudget;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "PyTorch threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--model-registry", paramLabel = "DIR", description = "Registry to write into; default ~/.adrd/models.")
    Path registry;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the package here instead of <registry>/<name>/<version>.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainingConfig config = trainingConfig();
        DjlEnvironment.configure(threads);
        PredictionTask task = new PredictionTask(TaskConfig.defaults());
        var err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "generating %d patients (seed %d) and sampling examples...%n", patients, cohortSeed);
        TrainingData data = CohortExamples.of(patients, cohortSeed, task, config.seed());
        err.printf(Locale.ROOT, "%d training examples (%d positive), %d validation, %d pretraining histories%n",
                data.train().size(), data.train().stream().filter(e -> e.positive()).count(), data.validation().size(),
                data.pretraining().size());
        Path directory = out != null ? out : new ModelRegistry(registry != null ? registry : ScoringSettings.DEFAULT_REGISTRY)
                .directory(config.name(), config.version());
        TrainingResult result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(1).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            TrainingProgress progress = (phase, done, total, loss) -> {
                bar.maxHint(total);
                bar.stepTo(done);
                bar.setExtraMessage(String.format(Locale.ROOT, "%s loss %.4f", phase, loss));
            };
            result = new LanguageModelTrainer(config, task).train(data, directory, progress);
        }
        ModelManifest manifest = result.modelPackage().manifest();
        spec.commandLine().getOut().printf(Locale.ROOT, "%s %s written to %s: validation AUROC %.3f, Brier %.4f, "
                        + "%.0f training tokens/s, weights %s%n", manifest.name(), manifest.version(), directory.toAbsolutePath(),
                result.validationAuroc(), manifest.metrics().get("validation_brier"), result.tokensPerSecond(),
                manifest.weightsSha256());
        return 0;
    }

    private TrainingConfig trainingConfig() {
        if (defaultRecipe) {
            return TrainingConfig.defaults(BundledModel.NAME, BundledModel.VERSION);
        }
        ModelFamily chosen;
        try {
            chosen = ModelFamily.valueOf(family.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--family must be transformer or recurrent, was '"
                    + family + "'");
        }
        TrainingTarget chosenTarget;
        try {
            chosenTarget = TrainingTarget.valueOf(target.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--target must be one of " + java.util.Arrays.stream(
                    TrainingTarget.values()).filter(t -> t != TrainingTarget.BASE).toList() + ", was '" + target + "'");
        }
        return TrainingConfig.defaults(name, version).withTarget(chosenTarget).withFamily(chosen, size)
                .withTokenBudget(tokenBudget).withEpochs(pretrainEpochs, fineTuneEpochs).withSeed(seed);
    }
}
