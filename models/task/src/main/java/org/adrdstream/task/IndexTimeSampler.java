package org.adrdstream.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;

/**
 * Chooses one training index time per patient (docs/task.md). Default rule: a random clinical event time at
 * which the patient is eligible and the five-year outcome is known; the choice is a function of the seed and
 * the pseudonym only, so every configuration of a study sees the same examples. Option ({@link #atDate}): one
 * calendar date for everyone, kept for the patients eligible then with a known outcome; every example's
 * history then ends at the same time, so the length of a record before t0 carries no outcome information.
 */
public final class IndexTimeSampler {

    /** Candidate times tried per patient before giving up: bounds the cost for patients with none. */
    static final int MAX_TRIES = 24;

    private final PredictionTask task;
    private final long seed;
    private final Instant fixedIndexTime;

    public IndexTimeSampler(PredictionTask task, long seed) {
        this(task, seed, null);
    }

    private IndexTimeSampler(PredictionTask task, long seed, Instant fixedIndexTime) {
        this.task = task;
        this.seed = seed;
        this.fixedIndexTime = fixedIndexTime;
    }

    /** The fixed-date rule: t0 is the start (UTC) of {@code date} for every patient. */
    public static IndexTimeSampler atDate(PredictionTask task, LocalDate date) {
        return new IndexTimeSampler(task, 0, date.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** {@code random} or the fixed date, as a grid or a report names the rule. */
    public String rule() {
        return fixedIndexTime == null ? "random" : fixedIndexTime.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** An example of this patient, or empty when no tried time is eligible with a known label. */
    public Optional<Example> sample(PatientHistory history) {
        if (fixedIndexTime != null) {
            return exampleAt(history, fixedIndexTime);
        }
        List<Instant> times = new ArrayList<>(distinctEventTimes(history));
        long patientSeed = new SplittableRandom(seed * 31 + history.getPatientId().hashCode()).nextLong();
        Collections.shuffle(times, new Random(patientSeed));
        for (Instant t0 : times.subList(0, Math.min(MAX_TRIES, times.size()))) {
            Optional<Example> example = exampleAt(history, t0);
            if (example.isPresent()) {
                return example;
            }
        }
        return Optional.empty();
    }

    private Optional<Example> exampleAt(PatientHistory history, Instant t0) {
        Label label = task.label(history, t0);
        return label.isKnown() && task.eligibility(history, t0) == Eligibility.ELIGIBLE
                ? Optional.of(new Example(history, t0, label)) : Optional.empty();
    }

    private static TreeSet<Instant> distinctEventTimes(PatientHistory history) {
        TreeSet<Instant> times = new TreeSet<>();
        for (HistoryEvent event : history.getEvents()) {
            times.add(event.getTime());
        }
        return times;
    }

    /**
     * One labelled example.
     *
     * @param history the patient's whole history (the renderer reads only what lies at or before t0)
     * @param t0      index time
     * @param label   POSITIVE or NEGATIVE
     */
    public record Example(PatientHistory history, Instant t0, Label label) {

        public boolean positive() {
            return label == Label.POSITIVE;
        }
    }
}
