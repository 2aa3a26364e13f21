package org.adrdstream.dashboard.patient;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the patient view gets a history: the streams instance in this process, or the interactive-query API
 * of a streams instance elsewhere. Answers in the query API's JSON ({@code HistoryJson}).
 */
public interface PatientHistorySource {

    /**
     * The patient's current history; empty when no instance holds one.
     *
     * @throws HistoryUnavailableException while stores restore or partitions move (ask again shortly)
     */
    Optional<JsonNode> history(String patientId);

    /** Thrown while a history cannot be read for a reason that passes. */
    final class HistoryUnavailableException extends RuntimeException {
        public HistoryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
