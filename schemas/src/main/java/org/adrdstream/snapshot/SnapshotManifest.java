package org.adrdstream.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot directory holds ({@code manifest.json}): where the cut was taken, how many histories,
 * which files, and the fingerprint of the schema they were written with.
 *
 * @param topic             the topic read, e.g. {@code patient.histories.v1}
 * @param takenAt           when the end offsets were fixed
 * @param endOffsets        partition → offset up to which the topic was read (the consistent cut)
 * @param records           histories written (one per patient: the latest at the cut)
 * @param schemaFingerprint Avro parsing fingerprint (CRC-64-AVRO, hex) of the {@code PatientHistory} schema
 * @param files             Avro container files, in pseudonym order
 */
public record SnapshotManifest(String topic, Instant takenAt, Map<Integer, Long> endOffsets, long records,
                               String schemaFingerprint, List<String> files) {

    /** File name of the manifest inside a snapshot directory. */
    public static final String FILE = "manifest.json";
}
