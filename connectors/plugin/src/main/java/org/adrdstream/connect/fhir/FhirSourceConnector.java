package org.adrdstream.connect.fhir;

import org.adrdstream.connect.feed.FeedSourceConnector;
import org.apache.kafka.connect.source.ExactlyOnceSupport;

/**
 * Source connector for FHIR R4 files: Bulk Data NDJSON and Bundles (transaction, collection, batch, or
 * any other) from a directory, parsed with HAPI FHIR. Patient, Encounter, Condition, MedicationRequest,
 * MedicationStatement, MedicationAdministration, Observation, Procedure and Coverage become ClinicalEvents.
 * One task (resources refer to patients read earlier). Offsets are file, unit and record, so the source
 * supports Connect's exactly-once delivery where the worker enables it.
 */
public final class FhirSourceConnector extends FeedSourceConnector {

    public FhirSourceConnector() {
        super(FhirSourceConfig.CONFIG_DEF, FhirSourceTask.class, ExactlyOnceSupport.SUPPORTED);
    }
}
