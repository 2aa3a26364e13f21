package org.adrdstream.rationale;

import java.time.Instant;

import org.adrdstream.contract.PatientHistory;

/**
 * Where training rationales come from: the built-in {@link RationaleGenerator}, or a teacher model (the study's
 * optional LLM teacher). Whatever the source, the trainer checks every rationale with
 * {@link FaithfulnessChecker} and leaves out those that cite anything not in the history at t0 or that do not
 * end with the example's answer.
 */
public interface RationaleSource {

    /** A rationale of the example that knows its outcome and explains it, ending {@code answer yes|no}. */
    Rationale generate(PatientHistory history, Instant t0, boolean positive, RationaleStyle style);

    /** Names the source and its version: recorded with every model trained on its rationales. */
    String version();
}
