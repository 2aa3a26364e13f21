package org.adrdstream.study.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.adrdstream.baseline.CodeCountBaseline;
import org.adrdstream.study.data.StudyData;
import org.adrdstream.study.grid.RunId;
import org.adrdstream.task.IndexTimeSampler.Example;

/**
 * The reference points every model is read against, on the same test set: the L2 logistic regression on code
 * counts, age and sex (penalty chosen on validation) at one data scale, and the oracle, the generator's true
 * five-year risk (the ceiling; only for generated data).
 */
public final class BaselineRun implements StudyRun {

    /** What a baseline is. */
    public enum Kind { LOGISTIC_REGRESSION, ORACLE }

    private final Kind kind;
    private final int scale;
    private final StudyData data;
    private final StudyContext context;
    private final String id;

    public BaselineRun(Kind kind, int scale, StudyContext context) {
        this.data = context.data();
        if (kind == Kind.ORACLE && data.oracleRisk() == null) {
            throw new IllegalArgumentException("the oracle needs generated data (its true risks)");
        }
        this.kind = kind;
        this.scale = kind == Kind.ORACLE ? Integer.MAX_VALUE : scale;
        this.context = context;
        this.id = RunId.of(describe() + "|" + data.fingerprint());
    }

    /** The logistic regression at every scale and, for generated data, the oracle. */
    public static List<StudyRun> all(List<Integer> scales, StudyContext context) {
        List<StudyRun> runs = new java.util.ArrayList<>();
        scales.forEach(scale -> runs.add(new BaselineRun(Kind.LOGISTIC_REGRESSION, scale, context)));
        if (context.data().oracleRisk() != null) {
            runs.add(new BaselineRun(Kind.ORACLE, Integer.MAX_VALUE, context));
        }
        return runs;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("target", kind.name());
        entry.put("scale", scale == Integer.MAX_VALUE ? "all" : scale);
        return entry;
    }

    @Override
    public String label() {
        return kind == Kind.ORACLE ? "oracle" : "logistic regression n=" + describe().get("scale");
    }

    @Override
    public ConfigurationResult execute(Path directory, PrintWriter log) throws IOException {
        long started = System.nanoTime();
        double[] test;
        double[] validation;
        Map<String, Double> training = new LinkedHashMap<>();
        List<Example> train = data.trainingScale(scale);
        if (kind == Kind.ORACLE) {
            test = data.oracleRisk();
            validation = test; // no threshold to learn from: the oracle's own F1 threshold is optimistic, and says so
        } else {
            CodeCountBaseline.Result fitted = CodeCountBaseline.fit(context.task(), train, data.validation());
            test = fitted.probabilities(data.test());
            validation = fitted.probabilities(data.validation());
            training.put("penalty", fitted.penalty());
            training.put("validation_auroc", fitted.validationAuroc());
            log.printf(Locale.ROOT, "penalty %.1f, validation AUROC %.4f%n", fitted.penalty(), fitted.validationAuroc());
        }
        boolean[] validationLabels = kind == Kind.ORACLE ? data.testLabels() : data.validationLabels();
        Map<String, Estimate> metrics = TestMetrics.of(test, test, data.testLabels(), validation, validationLabels,
                context.bootstrap());
        new Predictions(data.testPatients(), data.testLabels(), test, test)
                .write(directory.resolve("test-predictions.csv"));
        log.printf(Locale.ROOT, "test: %s%n", metrics);
        return new ConfigurationResult(id(), context.grid(), describe(), data.fingerprint(), kind == Kind.ORACLE ? 0 : train.size(),
                metrics, training, (System.nanoTime() - started) / 1e9, null,
                "runs/" + id() + "/test-predictions.csv", Instant.now());
    }
}
