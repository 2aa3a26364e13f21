package org.adrdstream.rationale;

import java.util.List;

/**
 * The result of checking one rationale.
 *
 * @param facts    facts stated (age, cited codes, absences)
 * @param failures what did not check, one line each (codes and years only: no patient data beyond them)
 */
public record FaithfulnessReport(int facts, List<String> failures) {

    public FaithfulnessReport {
        failures = List.copyOf(failures);
    }

    public boolean faithful() {
        return failures.isEmpty();
    }

    /** Share of the stated facts that checked (1 when there were none). */
    public double rate() {
        return facts == 0 ? 1 : (facts - failures.size()) / (double) facts;
    }
}
