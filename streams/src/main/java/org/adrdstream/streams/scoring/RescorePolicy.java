package org.adrdstream.streams.scoring;

import java.time.Duration;

import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.ScoreStatus;

/**
 * When a changed history is handled (docs/streams.md, "Re-score policy"): at once if it is not eligible (its
 * status may need a record), if the patient was never scored or was last given a status instead of a score,
 * or if it gained a diagnosis, medication or lab since the last score; otherwise once {@code interval} has
 * passed since the last score. Until then it stays pending, and later changes replace it, so they coalesce
 * into one scoring.
 */
final class RescorePolicy {

    private final long intervalMillis;

    RescorePolicy(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** When a history arriving at {@code nowMillis} with {@code status} and {@code clinicalFacts} falls due. */
    long dueAt(ScoringMark mark, ScoreStatus status, long clinicalFacts, long nowMillis) {
        boolean atOnce = status != ScoreStatus.SCORED || mark == null || mark.status() != ScoreStatus.SCORED
                || clinicalFacts > mark.clinicalFacts();
        return atOnce ? nowMillis : Math.max(nowMillis, mark.scoredAtMillis() + intervalMillis);
    }

    /** Diagnoses, medications and labs in the history, detailed and summarised. */
    static long clinicalFacts(PatientHistory history) {
        long count = 0;
        for (HistoryEvent event : history.getEvents()) {
            count += isClinical(event.getKind()) ? 1 : 0;
        }
        for (CodeSummary summary : history.getSummaries()) {
            count += isClinical(summary.getKind()) ? summary.getCount() : 0;
        }
        return count;
    }

    private static boolean isClinical(EventKind kind) {
        return kind == EventKind.DIAGNOSIS || kind == EventKind.MEDICATION || kind == EventKind.LAB;
    }
}
