package org.adrdstream.rationale;

/** The study's two rationale forms (arXiv 2606.10279): free-form prose and numbered steps. */
public enum RationaleStyle {
    FREEFORM,
    STEPWISE
}
