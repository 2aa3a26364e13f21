package org.adrdstream.cohort.care;

import java.util.List;

import org.adrdstream.cohort.life.LifeCourse;

/**
 * A generated patient: the ground truth, the identity the hospital holds, and every fact the health system
 * recorded during enrolment, in clinical-time order.
 */
public record PatientRecord(LifeCourse truth, PatientIdentity identity, List<RecordedFact> facts) {

    public PatientRecord {
        facts = List.copyOf(facts);
    }
}
