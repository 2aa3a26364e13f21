package org.adrdstream.study.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.task.IndexTimeSampler.Example;
import org.adrdstream.training.TrainingData;

/**
 * What a study reads (docs/study.md, "Data"): one example per patient from the shared patient split, with
 * one fixed test set that every configuration is scored on, so comparisons between configurations are paired.
 *
 * @param pretraining unlabelled histories of the training-split patients (every scale pretrains on all of them)
 * @param train       labelled training examples; {@link #trainingScale} takes nested subsets
 * @param validation  calibration, threshold and model selection; never trained on
 * @param test        the shared test set; read only to score finished models
 * @param oracleRisk  the generator's true five-year risk of each test example (same order), or {@code null} when
 *                    the data did not come from the generator
 * @param source      where the data came from, for the report
 */
public record StudyData(List<PatientHistory> pretraining, List<Example> train, List<Example> validation,
                        List<Example> test, double[] oracleRisk, String source) {

    public StudyData {
        pretraining = List.copyOf(pretraining);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        // Nested scales: a fixed order that depends on the pseudonym alone, so each smaller set is a prefix.
        Map<Example, String> order = new IdentityHashMap<>();
        train.forEach(e -> order.put(e, sha256("scale|" + e.history().getPatientId())));
        train = train.stream().sorted(Comparator.comparing(order::get)).toList();
        if (train.isEmpty() || validation.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("the study needs training, validation and test examples; got "
                    + train.size() + ", " + validation.size() + " and " + test.size());
        }
        if (oracleRisk != null && oracleRisk.length != test.size()) {
            throw new IllegalArgumentException("one oracle risk per test example");
        }
    }

    /** The first {@code scale} training examples in the fixed order (all of them when fewer). */
    public List<Example> trainingScale(int scale) {
        return train.subList(0, Math.min(scale, train.size()));
    }

    /** What one configuration trains on at {@code scale}. */
    public TrainingData trainingData(int scale) {
        return new TrainingData(pretraining, trainingScale(scale), validation,
                source + "; " + trainingScale(scale).size() + " labelled training examples");
    }

    public boolean[] testLabels() {
        return labels(test);
    }

    public boolean[] validationLabels() {
        return labels(validation);
    }

    /** The test patients' pseudonyms, in the shared test order. */
    public List<String> testPatients() {
        return test.stream().map(e -> e.history().getPatientId()).toList();
    }

    private static boolean[] labels(List<Example> examples) {
        boolean[] labels = new boolean[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = examples.get(i).positive();
        }
        return labels;
    }

    /** SHA-256 over every example of every part (pseudonym, t0, label) and every pretraining pseudonym. */
    public String fingerprint() {
        StringBuilder all = new StringBuilder();
        append(all, "train", train);
        append(all, "validation", validation);
        append(all, "test", test);
        pretraining.forEach(h -> all.append("pretrain|").append(h.getPatientId()).append('\n'));
        return sha256(all.toString());
    }

    private static void append(StringBuilder all, String part, List<Example> examples) {
        for (Example e : examples) {
            all.append(part).append('|').append(e.history().getPatientId()).append('|').append(e.t0()).append('|')
                    .append(e.label()).append('\n');
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
