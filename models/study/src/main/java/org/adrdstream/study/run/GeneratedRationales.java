package org.adrdstream.study.run;

import java.util.List;

import org.adrdstream.rationale.FaithfulnessChecker;
import org.adrdstream.rationale.Rationale;
import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.task.PredictionTask;

/** The rationales a model wrote for the test patients, checked against their histories. */
final class GeneratedRationales {

    private GeneratedRationales() {
    }

    /** Share of the rationales whose every cited fact is in the patient's history at t0 (same order as examples). */
    static double faithfulShare(PredictionTask task, List<Example> examples, List<List<String>> rationales,
                                RationaleStyle style) {
        FaithfulnessChecker checker = new FaithfulnessChecker(task);
        int faithful = 0;
        for (int i = 0; i < rationales.size(); i++) {
            Example example = examples.get(i);
            Rationale generated = new Rationale(RationaleGenerator.VERSION, style, rationales.get(i));
            faithful += checker.check(example.history(), example.t0(), generated).faithful() ? 1 : 0;
        }
        return rationales.isEmpty() ? Double.NaN : faithful / (double) rationales.size();
    }
}
