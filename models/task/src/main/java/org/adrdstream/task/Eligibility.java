package org.adrdstream.task;

/** Whether a patient can be scored at an index time, and why not; mirrors {@code RiskScore.status}. */
public enum Eligibility {
    /** May be scored. */
    ELIGIBLE,
    /** ADRD evidence at or before t0: never scored. */
    ALREADY_DIAGNOSED,
    /** Below the minimum age, age unknown, or dead at t0. */
    NOT_ELIGIBLE,
    /** Too few events in the look-back window. */
    INSUFFICIENT_HISTORY
}
