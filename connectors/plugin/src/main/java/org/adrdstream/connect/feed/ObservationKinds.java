package org.adrdstream.connect.feed;

import java.util.Set;

import org.adrdstream.contract.EventKind;

/**
 * Whether a LOINC-coded result is a vital sign or score (OBSERVATION) or a laboratory result (LAB), for
 * formats that do not say (OMOP measurement, HL7 OBX). FHIR says so itself through Observation.category.
 */
public final class ObservationKinds {

    /** Vital signs (the FHIR vital-signs profile codes) and cognitive scores. */
    static final Set<String> OBSERVATION_CODES = Set.of(
            "85354-9", "8480-6", "8462-4", "8867-4", "9279-1", "8310-5", "29463-7", "8302-2", "39156-5",
            "59408-5", "2708-6", "72106-8", "72172-0", "72133-2");

    private ObservationKinds() {
    }

    public static EventKind of(String loincCode) {
        return OBSERVATION_CODES.contains(loincCode) ? EventKind.OBSERVATION : EventKind.LAB;
    }
}
