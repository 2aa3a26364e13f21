package org.adrdstream.demo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the demo's synthetic hospital feed.
 *
 * @param patients     cohort size: patients 0 .. patients-1 are fed, then the feed idles
 * @param seed         cohort seed: the same seed feeds the same patients, event for event
 * @param rate         source records per second, HL7 messages and FHIR resources together
 * @param directory    the feed's working directory: FHIR inbox (read by the FHIR connector), staging area and
 *                     position file, so a restarted demo continues where it stopped
 * @param mllpHost     host of the MLLP connector's listener
 * @param mllpPort     its port
 * @param pseudonymKey the connectors' pseudonymisation key (the generator uses it too, for its truth file)
 */
public record FeedSettings(int patients, long seed, double rate, Path directory, String mllpHost, int mllpPort,
                           String pseudonymKey) {

    public FeedSettings {
        if (patients < 0) {
            throw new IllegalArgumentException("--patients must be 0 or more, was " + patients);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be above 0 records/s, was " + rate);
        }
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(mllpHost, "mllpHost");
        Objects.requireNonNull(pseudonymKey, "pseudonymKey");
    }

    /** Where the FHIR connector reads: one folder of NDJSON files per batch of patients. */
    public Path fhirInbox() {
        return directory.resolve("fhir");
    }

    Path staging() {
        return directory.resolve("staging");
    }

    Path positionFile() {
        return directory.resolve("position");
    }
}
