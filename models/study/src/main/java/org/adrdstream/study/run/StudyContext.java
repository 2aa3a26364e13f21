package org.adrdstream.study.run;

import org.adrdstream.evaluation.Bootstrap;
import org.adrdstream.rationale.RationaleSource;
import org.adrdstream.study.data.StudyData;
import org.adrdstream.task.PredictionTask;

/**
 * What every run of one study shares.
 *
 * @param data       the examples and the shared test set
 * @param task       the prediction-task semantics
 * @param grid       the grid's name, recorded with each result
 * @param bootstrap  resamples and seed of every interval
 * @param rationales where training rationales and demonstrations come from: the generator or a teacher
 */
public record StudyContext(StudyData data, PredictionTask task, String grid, Bootstrap bootstrap,
                           RationaleSource rationales) {
}
