package org.adrdstream.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.calibration.RecordHistory;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.life.LifeCourse;
import org.adrdstream.cohort.life.OracleRisk;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.study.data.StudyData;
import org.adrdstream.study.data.StudyExamples;
import org.adrdstream.task.IndexTimeSampler;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.training.TrainingData;

/**
 * Training data from a generated cohort: each patient's complete history, the study's patient split, one
 * sampled example per patient, and the training patients' histories for pretraining. {@link #of} (one model)
 * leaves the test patients out entirely; {@link #study} keeps them as the study's shared test set.
 */
final class CohortExamples {

    private CohortExamples() {
    }

    static TrainingData of(int patients, long cohortSeed, PredictionTask task, long samplingSeed) {
        CohortSettings settings = CohortSettings.defaults(cohortSeed);
        CohortGenerator generator = generator(settings);
        List<PatientHistory> histories = IntStream.range(0, patients).parallel()
                .mapToObj(k -> RecordHistory.of(generator.patient(k), settings.feed())).toList();
        StudyExamples.Parts parts = StudyExamples.split(histories, new IndexTimeSampler(task, samplingSeed), false);
        return new TrainingData(parts.pretraining(), parts.train(), parts.validation(), "synthetic cohort: " + patients
                + " patients, cohort seed " + cohortSeed + ", split " + StudyExamples.SPLIT_SEED + ", sampling seed "
                + samplingSeed);
    }

    /** The study's data from a generated cohort, with the generator's true risk of each test example (the ceiling). */
    static StudyData study(int patients, long cohortSeed, PredictionTask task, LocalDate indexDate) {
        CohortSettings settings = CohortSettings.defaults(cohortSeed);
        CohortGenerator generator = generator(settings);
        List<PatientRecord> records = IntStream.range(0, patients).parallel().mapToObj(generator::patient).toList();
        List<PatientHistory> histories = records.stream().map(r -> RecordHistory.of(r, settings.feed())).toList();
        Map<String, LifeCourse> truth = new HashMap<>();
        for (int k = 0; k < records.size(); k++) {
            truth.put(histories.get(k).getPatientId(), records.get(k).truth());
        }
        OracleRisk oracle = generator.oracleRisk(task.config().horizonYears());
        return StudyExamples.of(histories, task, indexDate, "synthetic cohort: " + patients + " patients, cohort seed " + cohortSeed,
                (pseudonym, t0) -> oracle.risk(truth.get(pseudonym), t0.atZone(ZoneOffset.UTC).toLocalDate()));
    }

    private static CohortGenerator generator(CohortSettings settings) {
        return new CohortGenerator(settings, Pseudonymiser.withKey(GenerateCommand.DEMO_PSEUDONYM_KEY));
    }
}
