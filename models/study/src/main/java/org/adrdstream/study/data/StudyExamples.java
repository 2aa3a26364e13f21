package org.adrdstream.study.data;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.task.IndexTimeSampler;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PatientSplit;
import org.adrdstream.task.PredictionTask;

/**
 * Turns patient histories (a snapshot, a topic read to its end, a generated cohort) into the study's data: the
 * shared patient split, one example per patient at a sampled index time (docs/task.md), and the training
 * patients' histories for pretraining.
 */
public final class StudyExamples {

    /** Names the patient split every training run and study configuration shares (docs/task.md). */
    public static final String SPLIT_SEED = "adrd-stream-study";
    /** Seeds the index-time sampling of the study's examples: one example set for every configuration. */
    public static final long EXAMPLE_SEED = 1;

    private StudyExamples() {
    }

    /**
     * @param indexDate {@code null} for the default rule (a random eligible time with a known outcome, seed
     *                  {@link #EXAMPLE_SEED}), or one calendar date for every patient
     * @param oracle    the generator's true risk of a test example, or {@code null} for data without one
     */
    public static StudyData of(List<PatientHistory> histories, PredictionTask task, LocalDate indexDate, String source,
                               Oracle oracle) {
        Parts parts = split(histories, indexDate == null ? new IndexTimeSampler(task, EXAMPLE_SEED)
                : IndexTimeSampler.atDate(task, indexDate), true);
        List<Example> test = parts.test();
        double[] oracleRisk = null;
        if (oracle != null) {
            oracleRisk = test.stream().mapToDouble(e -> oracle.risk(e.history().getPatientId(), e.t0())).toArray();
        }
        return new StudyData(parts.pretraining(), parts.train(), parts.validation(), test, oracleRisk, source + "; split " + SPLIT_SEED
                + (indexDate == null ? ", index time: random eligible event time (seed " + EXAMPLE_SEED + ")"
                        : ", index date " + indexDate));
    }

    /**
     * The shared patient split of {@code histories} with one sampled example per patient, in the order given
     * (a patient without an eligible, labelled time gives none; training patients are pretraining histories
     * either way).
     *
     * @param sampleTest whether to sample the test patients at all (a single training run never reads them)
     */
    public static Parts split(List<PatientHistory> histories, IndexTimeSampler sampler, boolean sampleTest) {
        PatientSplit split = PatientSplit.standard(SPLIT_SEED);
        List<PatientHistory> pretraining = new ArrayList<>();
        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        List<Example> test = new ArrayList<>();
        for (PatientHistory history : histories) {
            switch (split.partOf(history.getPatientId())) {
                case TRAIN -> {
                    pretraining.add(history);
                    sampler.sample(history).ifPresent(train::add);
                }
                case VALIDATION -> sampler.sample(history).ifPresent(validation::add);
                case TEST -> {
                    if (sampleTest) {
                        sampler.sample(history).ifPresent(test::add);
                    }
                }
            }
        }
        return new Parts(pretraining, train, validation, test);
    }

    /**
     * The split's parts.
     *
     * @param pretraining the training patients' histories
     * @param train       training examples
     * @param validation  validation examples
     * @param test        test examples (empty when not sampled)
     */
    public record Parts(List<PatientHistory> pretraining, List<Example> train, List<Example> validation,
                        List<Example> test) {
    }

    /** The generator's true five-year risk of a patient at an index time (evaluation only). */
    @FunctionalInterface
    public interface Oracle {
        double risk(String pseudonym, Instant t0);
    }
}
