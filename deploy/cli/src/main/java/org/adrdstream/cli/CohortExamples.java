package org.adrdstream.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.calibration.RecordHistory;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.task.IndexTimeSampler;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PatientSplit;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.training.TrainingData;

/**
 * Training data from a generated cohort: each patient's complete history, the study's patient split (test
 * patients are left out entirely), one sampled example per patient, and the training patients' histories
 * for pretraining.
 */
final class CohortExamples {

    /** Names the patient split every training run and study configuration shares (docs/task.md). */
    static final String SPLIT_SEED = "adrd-stream-study";

    private CohortExamples() {
    }

    static TrainingData of(int patients, long cohortSeed, PredictionTask task, long samplingSeed) {
        CohortSettings settings = CohortSettings.defaults(cohortSeed);
        CohortGenerator generator = new CohortGenerator(settings, Pseudonymiser.withKey(GenerateCommand.DEMO_PSEUDONYM_KEY));
        List<PatientHistory> histories = IntStream.range(0, patients).parallel()
                .mapToObj(k -> RecordHistory.of(generator.patient(k), settings.feed())).toList();
        PatientSplit split = PatientSplit.standard(SPLIT_SEED);
        IndexTimeSampler sampler = new IndexTimeSampler(task, samplingSeed);
        List<PatientHistory> pretraining = new ArrayList<>();
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        for (PatientHistory history : histories) {
            switch (split.partOf(history.getPatientId())) {
                case TRAIN -> {
                    pretraining.add(history);
                    sampler.sample(history).ifPresent(train::add);
                }
                case VALIDATION -> sampler.sample(history).ifPresent(validation::add);
                case TEST -> { }
            }
        }
        return new TrainingData(pretraining, train, validation, "synthetic cohort: " + patients + " patients, cohort seed "
                + cohortSeed + ", split " + SPLIT_SEED + ", sampling seed " + samplingSeed);
    }
}
