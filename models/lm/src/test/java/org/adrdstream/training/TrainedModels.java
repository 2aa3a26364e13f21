package org.adrdstream.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.inference.DjlEnvironment;
import org.adrdstream.task.IndexTimeSampler;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PatientSplit;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;

/** Trains small models on {@link SyntheticHistories} for tests (a few seconds each on 2 cores). */
public final class TrainedModels {

    public static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());

    private TrainedModels() {
    }

    public static TrainingData data(int patients, long seed) {
        DjlEnvironment.configure(1);
        List<PatientHistory> histories = SyntheticHistories.cohort(patients, seed);
        PatientSplit split = PatientSplit.standard("test");
        IndexTimeSampler sampler = new IndexTimeSampler(TASK, seed);
        List<PatientHistory> pretraining = new ArrayList<>();
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        for (PatientHistory history : histories) {
            PatientSplit.Part part = split.partOf(history.getPatientId());
            if (part == PatientSplit.Part.TRAIN) {
                pretraining.add(history);
            }
            sampler.sample(history).ifPresent(example -> (part == PatientSplit.Part.TRAIN ? train : validation).add(example));
        }
        return new TrainingData(pretraining, train, validation, "synthetic test histories: " + patients + " patients, seed " + seed);
    }

    public static TrainingResult train(TrainingConfig config, TrainingData data, Path directory) throws IOException {
        return new LanguageModelTrainer(config, TASK).train(data, directory, TrainingProgress.NONE);
    }

    /** A quick recipe: short prompts, one pretraining and a few fine-tuning epochs. */
    public static TrainingConfig quick(String name) {
        return TrainingConfig.defaults(name, "1").withTokenBudget(64).withEpochs(1, 4);
    }
}
