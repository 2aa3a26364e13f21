package org.adrdstream.rationale;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.task.PredictionTask;

/**
 * Writes label-conditioned rationales from the patient's own evidence at t0, as the study did (it knows the
 * outcome and explains it): age, the risk factors present with the code and year of their first record,
 * the most recent prodromal signs, up to three notable absences, and the answer. Every fact is written as a
 * checkable citation ({@code dx:I10 y-6}: that code in that year before t0; {@code absent:stroke}: no stroke
 * code before t0), which {@link FaithfulnessChecker} verifies.
 */
public final class RationaleGenerator implements RationaleSource {

    /** Recorded with rationale-trained models; bump on any change to the output. */
    public static final String VERSION = "rationale-2";
    /** The token before the answer in both styles: a decoding rationale model stops once it emits it. */
    public static final String ANSWER_CUE = "answer";
    private static final int ABSENCES = 3;

    private final PredictionTask task;

    public RationaleGenerator(PredictionTask task) {
        this.task = task;
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Rationale generate(PatientHistory history, Instant t0, boolean positive, RationaleStyle style) {
        Evidence evidence = evidence(history, t0);
        List<String> tokens = new ArrayList<>();
        boolean steps = style == RationaleStyle.STEPWISE;
        section(tokens, steps, 1, "age", List.of(evidence.age()));
        section(tokens, steps, 2, "risk factors", evidence.factors().isEmpty() ? List.of("none") : evidence.factors());
        section(tokens, steps, 3, "warning signs", evidence.signs().isEmpty() ? List.of("none") : evidence.signs());
        section(tokens, steps, 4, "notable absences", evidence.absences().isEmpty() ? List.of("none") : evidence.absences());
        String answer = positive ? PromptRenderer.ANSWER_YES : PromptRenderer.ANSWER_NO;
        if (steps) {
            tokens.addAll(List.of("step", "5", ANSWER_CUE, answer));
        } else {
            tokens.addAll(List.of(positive ? "evidence" : "nothing", "points", "to", "adrd", "within",
                    task.config().horizonYears() + "y", ANSWER_CUE, answer));
        }
        return new Rationale(VERSION, style, tokens);
    }

    private static void section(List<String> tokens, boolean steps, int number, String title, List<String> content) {
        if (steps) {
            tokens.add("step");
            tokens.add(Integer.toString(number));
        }
        tokens.addAll(List.of(title.split(" ")));
        tokens.addAll(content);
        if (!steps) {
            tokens.add(";");
        }
    }

    /** The citations, as tokens: first record per factor, latest per sign, absences in the factors' order. */
    private Evidence evidence(PatientHistory history, Instant t0) {
        Map<String, List<String>> factors = new LinkedHashMap<>();
        Map<String, List<String>> signs = new LinkedHashMap<>();
        for (HistoryEvent event : task.inputEvents(history, t0)) { // time order
            if (event.getKind() != EventKind.DIAGNOSIS) {
                continue;
            }
            String factor = ClinicalSignals.signalOf(event.getCode(), ClinicalSignals.RISK_FACTORS);
            String sign = ClinicalSignals.signalOf(event.getCode(), ClinicalSignals.PRODROMAL_SIGNS);
            if (factor != null) {
                factors.putIfAbsent(factor, citation(factor, event, t0));
            }
            if (sign != null) {
                signs.put(sign, citation(sign, event, t0));
            }
        }
        List<String> absences = new ArrayList<>();
        for (String factor : ClinicalSignals.RISK_FACTORS.keySet()) {
            if (!factors.containsKey(factor) && absences.size() < ABSENCES) {
                absences.add("absent:" + factor);
            }
        }
        String age = history.getBirthDate() == null ? "?"
                : Integer.toString(Period.between(history.getBirthDate(), t0.atZone(ZoneOffset.UTC).toLocalDate()).getYears());
        return new Evidence(age, flatten(factors), flatten(signs), absences);
    }

    private static List<String> citation(String name, HistoryEvent event, Instant t0) {
        return List.of(name, PromptRenderer.codeToken(event.getKind(), event.getCode()),
                PromptRenderer.yearMarker(PromptRenderer.yearsBefore(event.getTime(), t0)));
    }

    private static List<String> flatten(Map<String, List<String>> citations) {
        List<String> tokens = new ArrayList<>();
        citations.values().forEach(tokens::addAll);
        return tokens;
    }

    private record Evidence(String age, List<String> factors, List<String> signs, List<String> absences) {
    }
}
