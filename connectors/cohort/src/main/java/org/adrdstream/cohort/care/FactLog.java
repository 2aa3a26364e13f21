package org.adrdstream.cohort.care;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.cohort.vocabulary.Measurements;
import org.adrdstream.contract.EventKind;

/**
 * Collects one patient's recorded facts, numbering them and adding the noise real feeds have: clinical
 * facts entered in error and retracted days later, and records a source sends twice.
 */
final class FactLog {

    /** Share of clinical facts later marked entered-in-error. */
    static final double RETRACTION_RATE = 0.003;
    /** Share of facts the source sends twice. */
    static final double RESEND_RATE = 0.01;

    private final String patientKey;
    private final SplittableRandom random;
    private final List<RecordedFact> facts = new ArrayList<>();

    FactLog(int patientIndex, SplittableRandom random) {
        this.patientKey = String.format("P%07d", patientIndex + 1);
        this.random = random;
    }

    /** A fact the source records {@code delay} after its clinical time. */
    RecordedFact add(EventKind kind, Instant time, Instant endTime, ClinicalCode code, Measurements measurement,
                     Double value, String encounterId, EncounterClass encounterClass, Duration delay) {
        String id = patientKey + "-" + String.format("%05d", facts.size() + 1);
        Instant recordedAt = (endTime != null && kind == EventKind.ENCOUNTER ? endTime : time).plus(delay);
        RecordedFact fact = new RecordedFact(id, kind, time, endTime, code, measurement, value, encounterId,
                encounterClass, recordedAt, null, false);
        facts.add(noisy(fact));
        return fact;
    }

    /** A fact recorded in error and retracted a few days later (a rule-out code, a wrong chart). */
    void addRetracted(EventKind kind, Instant time, ClinicalCode code, String encounterId, int maxDaysToRetraction) {
        add(kind, time, null, code, null, null, encounterId, null, Duration.ofMinutes(30));
        RecordedFact last = facts.remove(facts.size() - 1);
        Instant retracted = time.plus(Duration.ofDays(1 + random.nextInt(maxDaysToRetraction)));
        facts.add(last.withNoise(retracted, last.resent()));
    }

    private RecordedFact noisy(RecordedFact fact) {
        boolean clinical = switch (fact.kind()) {
            case DIAGNOSIS, MEDICATION, LAB, OBSERVATION -> true;
            default -> false;
        };
        Instant retracted = clinical && random.nextDouble() < RETRACTION_RATE
                ? fact.recordedAt().plus(Duration.ofDays(1 + random.nextInt(30))) : null;
        boolean resent = random.nextDouble() < RESEND_RATE;
        return retracted == null && !resent ? fact : fact.withNoise(retracted, resent);
    }

    List<RecordedFact> inTimeOrder() {
        List<RecordedFact> sorted = new ArrayList<>(facts);
        sorted.sort(Comparator.comparing(RecordedFact::time).thenComparing(RecordedFact::recordId));
        return sorted;
    }
}
