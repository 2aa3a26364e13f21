package org.adrdstream.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;

/**
 * The prediction task of docs/DESIGN.md section 5, in one implementation that the streaming scorer and
 * the offline trainer both call: which events are input at index time t0, who is eligible, and the label.
 *
 * <p>Boundaries, all inclusive where the design says so: input is {@code time <= t0}; ADRD evidence at
 * exactly t0 makes the patient ALREADY_DIAGNOSED; evidence at exactly {@code t0 + horizon} is POSITIVE;
 * a patient observed until exactly {@code t0 + horizon} is NEGATIVE. Years are calendar years in UTC.
 */
public final class PredictionTask {

    private final TaskConfig config;

    public PredictionTask(TaskConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public TaskConfig config() {
        return config;
    }

    /** The streaming index time: the clinical time of the newest event (deterministic under replay). */
    public static Optional<Instant> streamingIndexTime(PatientHistory history) {
        return Optional.ofNullable(history.getLastEventTime());
    }

    /** Time of the first ADRD evidence anywhere in the history (detailed events and summaries). */
    public Optional<Instant> firstAdrdEvidence(PatientHistory history) {
        Instant first = null;
        for (HistoryEvent event : history.getEvents()) {
            if (AdrdCodeList.isEvidence(event.getCode()) && (first == null || event.getTime().isBefore(first))) {
                first = event.getTime();
            }
        }
        for (CodeSummary summary : history.getSummaries()) {
            if (AdrdCodeList.isEvidence(summary.getCode()) && (first == null || summary.getFirstTime().isBefore(first))) {
                first = summary.getFirstTime();
            }
        }
        return Optional.ofNullable(first);
    }

    /** Detailed events that are input at t0: {@code time <= t0}, within the look-back window, in time order. */
    public List<HistoryEvent> inputEvents(PatientHistory history, Instant t0) {
        Instant from = config.lookBack().isZero() ? Instant.MIN : minus(t0, config.lookBack());
        return history.getEvents().stream()
                .filter(e -> !e.getTime().isAfter(t0) && e.getTime().isAfter(from))
                .toList();
    }

    /** Whether the patient can be scored at t0. */
    public Eligibility eligibility(PatientHistory history, Instant t0) {
        Optional<Instant> adrd = firstAdrdEvidence(history);
        if (adrd.isPresent() && !adrd.get().isAfter(t0)) {
            return Eligibility.ALREADY_DIAGNOSED;
        }
        LocalDate day = t0.atZone(ZoneOffset.UTC).toLocalDate();
        if (history.getBirthDate() == null
                || Period.between(history.getBirthDate(), day).getYears() < config.minimumAgeYears()
                || (history.getDeathDate() != null && history.getDeathDate().isBefore(day))) {
            return Eligibility.NOT_ELIGIBLE;
        }
        if (inputEvents(history, t0).size() < config.minimumInputEvents()) {
            return Eligibility.INSUFFICIENT_HISTORY;
        }
        return Eligibility.ELIGIBLE;
    }

    /**
     * The outcome at t0 from everything the history knows, including what happened after t0. In order:
     * ADRD evidence at or before t0 and death before t0 exclude the example; first evidence inside the
     * horizon is POSITIVE; death inside the horizon follows the death policy (whatever the enrolment says:
     * no one is observed after death); observation through the horizon end is NEGATIVE; else CENSORED.
     */
    public Label label(PatientHistory history, Instant t0) {
        Optional<Instant> adrd = firstAdrdEvidence(history);
        Instant horizonEnd = horizonEnd(t0);
        if (adrd.isPresent() && !adrd.get().isAfter(t0)) {
            return Label.EXCLUDED_PRIOR_ADRD;
        }
        LocalDate death = history.getDeathDate();
        Instant deathTime = death == null ? null : death.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (death != null && death.isBefore(t0.atZone(ZoneOffset.UTC).toLocalDate())) {
            return Label.EXCLUDED_DEATH; // dead at t0: not an example at all
        }
        if (adrd.isPresent() && !adrd.get().isAfter(horizonEnd)) {
            return Label.POSITIVE;
        }
        if (deathTime != null && !deathTime.isAfter(horizonEnd)) {
            return config.deathWithoutAdrd() == TaskConfig.DeathPolicy.NEGATIVE ? Label.NEGATIVE : Label.EXCLUDED_DEATH;
        }
        if (observedUntil(history).map(end -> !end.isBefore(horizonEnd)).orElse(false)) {
            return Label.NEGATIVE;
        }
        return Label.CENSORED;
    }

    /** t0 plus the horizon in calendar years. */
    public Instant horizonEnd(Instant t0) {
        return t0.atZone(ZoneOffset.UTC).plusYears(config.horizonYears()).toInstant();
    }

    /** How far the record reaches: the end of the observation period, or else the newest event. */
    static Optional<Instant> observedUntil(PatientHistory history) {
        Instant end = history.getObservationEnd();
        Instant last = history.getLastEventTime();
        if (end == null) {
            return Optional.ofNullable(last);
        }
        return Optional.of(last != null && last.isAfter(end) ? last : end);
    }

    private static Instant minus(Instant t0, Period period) {
        return t0.atZone(ZoneOffset.UTC).minus(period).toInstant();
    }
}
