package org.adrdstream.baseline;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.Sex;
import org.adrdstream.task.PredictionTask;

/**
 * Features of the study's baseline (DESIGN section 6): log(1 + count) of each code among the input events at
 * t0, for the codes that at least {@code minPatients} training patients have, plus age at t0 in decades and
 * sex. The code list is fixed from the training examples only.
 */
public final class CodeCountFeatures {

    private final PredictionTask task;
    private final Map<String, Integer> columns;

    private CodeCountFeatures(PredictionTask task, Map<String, Integer> columns) {
        this.task = task;
        this.columns = columns;
    }

    /** The code columns: codes present before t0 in at least {@code minPatients} of the training examples. */
    public static CodeCountFeatures fit(PredictionTask task, List<PatientHistory> histories, List<Instant> indexTimes,
                                        int minPatients) {
        Map<String, Integer> patientsWithCode = new HashMap<>();
        for (int i = 0; i < histories.size(); i++) {
            Set<String> seen = new HashSet<>();
            for (HistoryEvent event : task.inputEvents(histories.get(i), indexTimes.get(i))) {
                String key = key(event);
                if (key != null && seen.add(key)) {
                    patientsWithCode.merge(key, 1, Integer::sum);
                }
            }
        }
        List<String> kept = new ArrayList<>();
        patientsWithCode.forEach((code, patients) -> {
            if (patients >= minPatients) {
                kept.add(code);
            }
        });
        kept.sort(null);
        Map<String, Integer> columns = new LinkedHashMap<>();
        kept.forEach(code -> columns.put(code, columns.size()));
        return new CodeCountFeatures(task, columns);
    }

    /** Number of features: the codes, then age in decades, female, male. */
    public int size() {
        return columns.size() + 3;
    }

    public double[] of(PatientHistory history, Instant t0) {
        double[] features = new double[size()];
        for (HistoryEvent event : task.inputEvents(history, t0)) {
            Integer column = columns.get(key(event));
            if (column != null) {
                features[column] += 1;
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            features[c] = Math.log1p(features[c]);
        }
        if (history.getBirthDate() != null) {
            features[columns.size()] = Period.between(history.getBirthDate(), t0.atZone(ZoneOffset.UTC).toLocalDate())
                    .getYears() / 10.0;
        }
        features[columns.size() + 1] = history.getSex() == Sex.FEMALE ? 1 : 0;
        features[columns.size() + 2] = history.getSex() == Sex.MALE ? 1 : 0;
        return features;
    }

    private static String key(HistoryEvent event) {
        return event.getCode() == null ? null : event.getKind() + ":" + event.getCode().getSystem() + ":" + event.getCode().getValue();
    }
}
