package org.adrdstream.streams.history;

import java.time.Instant;
import java.util.List;

import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;

/**
 * Completes a history's time fields for publishing: {@code last_event_time} is the newest clinical time in
 * it, and the observation period runs from the earliest enrolment (else the earliest event) to the later of
 * the latest enrolment end and the newest event.
 */
final class ObservationPeriod {

    private ObservationPeriod() {
    }

    static void fill(PatientHistory history) {
        Instant first = null;
        Instant last = null;
        List<HistoryEvent> events = history.getEvents();
        if (!events.isEmpty()) {
            first = events.get(0).getTime();
            last = events.get(events.size() - 1).getTime();
        }
        for (CodeSummary summary : history.getSummaries()) {
            first = earlier(first, summary.getFirstTime());
            last = later(last, summary.getLastTime());
        }
        history.setLastEventTime(last);
        if (history.getObservationStart() == null) {
            history.setObservationStart(first);
        }
        history.setObservationEnd(later(history.getObservationEnd(), last));
    }

    static Instant earlier(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
