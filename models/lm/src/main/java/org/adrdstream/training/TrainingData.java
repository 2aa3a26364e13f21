package org.adrdstream.training;

import java.util.List;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.task.IndexTimeSampler.Example;

/**
 * What one training run reads.
 *
 * @param pretraining unlabelled histories of training-split patients, rendered at their newest event
 * @param train       labelled training examples (one per patient)
 * @param validation  labelled validation examples: model selection and calibration, never trained on
 * @param source      where the data came from, for the manifest (e.g. the cohort size and seed, or a snapshot)
 */
public record TrainingData(List<PatientHistory> pretraining, List<Example> train, List<Example> validation,
                           String source) {

    public TrainingData {
        pretraining = List.copyOf(pretraining);
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("need training and validation examples, got " + train.size() + " and "
                    + validation.size());
        }
    }
}
