package org.adrdstream.cohort;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.adrdstream.cohort.care.CareSimulator;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.epidemiology.CalibratedHazard;
import org.adrdstream.cohort.life.LifeCourseSimulator;
import org.adrdstream.cohort.life.OracleRisk;
import org.adrdstream.pseudonym.Pseudonymiser;

/**
 * Generates a synthetic cohort. Patient k is a function of (seed, k) alone: it has its own random stream, so
 * the same seed gives the same bytes, patient k is the same whatever the cohort size, and patients are
 * generated in parallel in bounded batches while the writers receive them in index order.
 */
public final class CohortGenerator {

    /** Patients generated in parallel before being handed to the writers; bounds memory. */
    static final int BATCH = 256;

    private final CohortSettings settings;
    private final LifeCourseSimulator lives;
    private final CareSimulator care;

    public CohortGenerator(CohortSettings settings, Pseudonymiser pseudonymiser) {
        this.settings = settings;
        this.lives = new LifeCourseSimulator(settings);
        this.care = new CareSimulator(settings, pseudonymiser);
    }

    public CohortSettings settings() {
        return settings;
    }

    /** The calibrated ADRD hazard the life courses are drawn from. */
    public CalibratedHazard dementiaHazard() {
        return lives.dementiaHazard();
    }

    /** The oracle five-year risk under this cohort's calibrated hazard. */
    public OracleRisk oracleRisk(int horizonYears) {
        return new OracleRisk(lives.dementiaHazard(), horizonYears);
    }

    /** Patient {@code index}: ground truth and record. */
    public PatientRecord patient(int index) {
        SplittableRandom[] streams = streams(index);
        return care.record(lives.simulate(index, streams[0]), streams[1]);
    }

    /**
     * Generates patients {@code 0 .. patients-1} and hands each to every writer in index order.
     *
     * @param progress told the number of patients written so far after each batch
     */
    public void generate(int patients, List<? extends CohortWriter> writers, IntConsumer progress) throws IOException {
        for (int from = 0; from < patients; from += BATCH) {
            List<PatientRecord> batch = IntStream.range(from, Math.min(patients, from + BATCH))
                    .parallel().mapToObj(this::patient).toList();
            for (PatientRecord patient : batch) {
                for (CohortWriter writer : writers) {
                    writer.write(patient);
                }
            }
            progress.accept(from + batch.size());
        }
    }

    /** Two independent streams for patient k (life course, care), derived from the seed and k alone. */
    private SplittableRandom[] streams(int index) {
        SplittableRandom patient = new SplittableRandom(mix(settings.seed() * 0x9E3779B97F4A7C15L + index));
        return new SplittableRandom[] {patient.split(), patient.split()};
    }

    /** Stafford's mix13 finaliser: nearby (seed, k) pairs give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
