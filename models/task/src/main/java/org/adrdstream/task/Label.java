package org.adrdstream.task;

/** The five-year outcome of an example at index time t0. Only POSITIVE and NEGATIVE train and evaluate. */
public enum Label {
    /** First ADRD evidence in (t0, t0 + horizon]. */
    POSITIVE,
    /** Observed through t0 + horizon without ADRD, or died inside it without ADRD under the NEGATIVE policy. */
    NEGATIVE,
    /** Neither observed through the horizon nor diagnosed inside it: outcome unknown. */
    CENSORED,
    /** Died inside the horizon without ADRD under the EXCLUDE policy, or dead before t0. */
    EXCLUDED_DEATH,
    /** ADRD evidence at or before t0: not an example of incident ADRD. */
    EXCLUDED_PRIOR_ADRD;

    /** Whether the example has a known outcome to train and evaluate on. */
    public boolean isKnown() {
        return this == POSITIVE || this == NEGATIVE;
    }
}
