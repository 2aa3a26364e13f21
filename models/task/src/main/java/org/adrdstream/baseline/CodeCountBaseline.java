package org.adrdstream.baseline;

import java.time.Instant;
import java.util.List;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.evaluation.Auroc;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PredictionTask;

/**
 * The study's baseline (DESIGN section 6): L2 logistic regression on {@link CodeCountFeatures}, the penalty
 * chosen from {@link #PENALTIES} by validation AUROC. The validation AUROC it reports is therefore slightly
 * optimistic; the study evaluates it on the held-out test set.
 */
public final class CodeCountBaseline {

    static final double[] PENALTIES = {0.1, 1, 10, 100};

    private CodeCountBaseline() {
    }

    /** Fits on {@code train}, chooses the penalty on {@code validation}, and reports it. */
    public static Result fit(PredictionTask task, List<Example> train, List<Example> validation) {
        List<PatientHistory> histories = train.stream().map(Example::history).toList();
        List<Instant> times = train.stream().map(Example::t0).toList();
        CodeCountFeatures features = CodeCountFeatures.fit(task, histories, times, Math.max(5, train.size() / 200));
        double[][] x = matrix(features, train);
        boolean[] y = labels(train);
        double[][] validationX = matrix(features, validation);
        boolean[] validationY = labels(validation);
        Result best = null;
        for (double penalty : PENALTIES) {
            LogisticRegression model = LogisticRegression.fit(x, y, penalty);
            double auroc = Auroc.of(model.probabilities(validationX), validationY);
            if (best == null || auroc > best.validationAuroc()) {
                best = new Result(features, model, penalty, auroc);
            }
        }
        return best;
    }

    private static double[][] matrix(CodeCountFeatures features, List<Example> examples) {
        double[][] x = new double[examples.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features.of(examples.get(i).history(), examples.get(i).t0());
        }
        return x;
    }

    private static boolean[] labels(List<Example> examples) {
        boolean[] y = new boolean[examples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = examples.get(i).positive();
        }
        return y;
    }

    /**
     * The chosen baseline.
     *
     * @param penalty         the L2 penalty chosen
     * @param validationAuroc its AUROC on the validation examples
     */
    public record Result(CodeCountFeatures features, LogisticRegression model, double penalty, double validationAuroc) {

        /** The fitted model's risk for each example (e.g. the study's test set). */
        public double[] probabilities(List<Example> examples) {
            return model.probabilities(matrix(features, examples));
        }
    }
}
