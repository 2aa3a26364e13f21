package org.adrdstream.cohort;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;

import org.adrdstream.cohort.care.PatientRecord;

/**
 * Writes generated patients in one output format. Patients arrive one at a time in index order; a writer
 * streams them out and keeps nothing per patient, so memory does not grow with the cohort.
 */
public interface CohortWriter extends Closeable {

    void write(PatientRecord patient) throws IOException;

    /** Closes every one of {@code closeables}, even when one fails; the first failure is thrown, the rest suppressed. */
    static void closeAll(Collection<? extends Closeable> closeables) throws IOException {
        IOException failure = null;
        for (Closeable closeable : closeables) {
            try {
                closeable.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
