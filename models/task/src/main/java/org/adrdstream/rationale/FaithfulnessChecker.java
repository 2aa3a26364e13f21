package org.adrdstream.rationale;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.prompt.PromptRenderer;
import org.adrdstream.task.PredictionTask;

/**
 * Checks every fact a rationale states against the history at t0 (events after t0 do not exist for it): the
 * age after {@code age}; each cited code with its {@code y-N} year (an input event of that code in that year);
 * a factor or sign name before a code (the code must stand for it); each {@code absent:factor} (no input code
 * of that factor). A rationale is faithful when every fact checks; the study rejects the others.
 */
public final class FaithfulnessChecker {

    private static final Pattern CODE_TOKEN = Pattern.compile("(dx|rx|lab|obs|px|visit):\\S+");
    private static final Pattern YEAR = Pattern.compile("y-\\d+");

    private final PredictionTask task;

    public FaithfulnessChecker(PredictionTask task) {
        this.task = task;
    }

    public FaithfulnessReport check(PatientHistory history, Instant t0, Rationale rationale) {
        List<HistoryEvent> input = task.inputEvents(history, t0);
        Set<String> present = new HashSet<>();
        Set<String> factorsPresent = new HashSet<>();
        for (HistoryEvent event : input) {
            String token = PromptRenderer.codeToken(event.getKind(), event.getCode());
            if (token != null) {
                present.add(token + " " + PromptRenderer.yearMarker(PromptRenderer.yearsBefore(event.getTime(), t0)));
            }
            String factor = ClinicalSignals.signalOf(event.getCode(), ClinicalSignals.RISK_FACTORS);
            if (factor != null) {
                factorsPresent.add(factor);
            }
        }
        List<String> tokens = rationale.tokens();
        List<String> failures = new ArrayList<>();
        int facts = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("age") && i + 1 < tokens.size()) {
                facts++;
                if (!tokens.get(i + 1).equals(age(history, t0))) {
                    failures.add("age " + tokens.get(i + 1) + " is not the age at t0");
                }
            } else if (CODE_TOKEN.matcher(token).matches()) {
                facts++;
                String year = i + 1 < tokens.size() && YEAR.matcher(tokens.get(i + 1)).matches() ? tokens.get(i + 1) : null;
                if (year == null || !present.contains(token + " " + year)) {
                    failures.add(token + " " + (year == null ? "without its year" : year) + " is not in the history at t0");
                } else if (i > 0 && !namesCode(tokens.get(i - 1), input, token)) {
                    failures.add(tokens.get(i - 1) + " does not name " + token);
                }
            } else if (token.startsWith("absent:")) {
                facts++;
                if (factorsPresent.contains(token.substring("absent:".length()))) {
                    failures.add(token + " but the history has it");
                }
            }
        }
        return new FaithfulnessReport(facts, failures);
    }

    /** Whether a factor or sign name before a code stands for that code (other words are not claims). */
    private static boolean namesCode(String name, List<HistoryEvent> input, String codeToken) {
        boolean isFactor = ClinicalSignals.RISK_FACTORS.containsKey(name);
        boolean isSign = ClinicalSignals.PRODROMAL_SIGNS.containsKey(name);
        if (!isFactor && !isSign) {
            return true;
        }
        for (HistoryEvent event : input) {
            if (codeToken.equals(PromptRenderer.codeToken(event.getKind(), event.getCode()))) {
                return name.equals(ClinicalSignals.signalOf(event.getCode(),
                        isFactor ? ClinicalSignals.RISK_FACTORS : ClinicalSignals.PRODROMAL_SIGNS));
            }
        }
        return false;
    }

    private static String age(PatientHistory history, Instant t0) {
        return history.getBirthDate() == null ? "?"
                : Integer.toString(Period.between(history.getBirthDate(), t0.atZone(ZoneOffset.UTC).toLocalDate()).getYears());
    }
}
