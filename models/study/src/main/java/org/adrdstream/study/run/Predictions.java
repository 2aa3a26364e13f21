package org.adrdstream.study.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A configuration's test predictions, one CSV row per test example in the shared test order:
 * {@code patient,label,probability,score} (the patient is the pseudonym). The report pairs configurations by
 * row, ranks by {@code score} (AUROC, AUPRC, ROC) and judges {@code probability} (Brier, calibration).
 *
 * @param patients      pseudonyms
 * @param positive      outcomes
 * @param probabilities calibrated risks
 * @param scores        the model's own read-out (log-odds of yes against no), or the risk for baselines
 */
public record Predictions(List<String> patients, boolean[] positive, double[] probabilities, double[] scores) {

    public void write(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("patient,label,probability,score\n");
        for (int i = 0; i < patients.size(); i++) {
            csv.append(patients.get(i)).append(',').append(positive[i] ? 1 : 0).append(',')
                    .append(String.format(Locale.ROOT, "%.8g", probabilities[i])).append(',')
                    .append(String.format(Locale.ROOT, "%.8g", scores[i])).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    /** Reads a predictions file; one without a score column (written before scores were kept) ranks by probability. */
    public static Predictions read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> patients = new ArrayList<>();
        boolean[] positive = new boolean[lines.size() - 1];
        double[] probabilities = new double[lines.size() - 1];
        double[] scores = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            patients.add(cells[0]);
            positive[i - 1] = cells[1].equals("1");
            probabilities[i - 1] = Double.parseDouble(cells[2]);
            scores[i - 1] = cells.length > 3 ? Double.parseDouble(cells[3]) : probabilities[i - 1];
        }
        return new Predictions(patients, positive, probabilities, scores);
    }
}
