package org.adrdstream.streams.history;

import org.adrdstream.contract.PatientHistory;

/**
 * The per-patient part of a history kept in one store entry: demographics, death, observation period,
 * folded summaries and version (a {@link PatientHistory} whose events list stays empty), plus how many
 * detailed events the events store holds for the patient, so the cap is enforced without a scan.
 */
record HistoryHeader(PatientHistory history, int detailedEvents) {
}
