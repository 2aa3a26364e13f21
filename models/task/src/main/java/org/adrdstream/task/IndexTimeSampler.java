package org.adrdstream.task;

import java.time.Instant;
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
 * Chooses one training index time per patient (the default rule of docs/task.md): a random clinical event
 * time at which the patient is eligible and the five-year outcome is known. The choice is a function of the
 * seed and the pseudonym only, so every configuration of a study sees the same examples.
 */
public final class IndexTimeSampler {

    /** Candidate times tried per patient before giving up: bounds the cost for patients with none. */
    static final int MAX_TRIES = 24;

    private final PredictionTask task;
    private final long seed;

    public IndexTimeSampler(PredictionTask task, long seed) {
        this.task = task;
        this.seed = seed;
    }

    /** An example of this patient, or empty when no tried time is eligible with a known label. */
    public Optional<Example> sample(PatientHistory history) {
        List<Instant> times = new ArrayList<>(distinctEventTimes(history));
        long patientSeed = new SplittableRandom(seed * 31 + history.getPatientId().hashCode()).nextLong();
        Collections.shuffle(times, new Random(patientSeed));
        for (Instant t0 : times.subList(0, Math.min(MAX_TRIES, times.size()))) {
            Label label = task.label(history, t0);
            if (label.isKnown() && task.eligibility(history, t0) == Eligibility.ELIGIBLE) {
                return Optional.of(new Example(history, t0, label));
            }
        }
        return Optional.empty();
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
