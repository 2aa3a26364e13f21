package org.adrdstream.connect.omop;

import org.adrdstream.connect.feed.FeedSourceConnector;
import org.apache.kafka.connect.source.ExactlyOnceSupport;

/**
 * Source connector for an OMOP CDM v5.4 extract as CSV files: one ClinicalEvent per row of person,
 * observation_period, visit_occurrence, condition_occurrence, drug_exposure, measurement,
 * procedure_occurrence and death. One task (the tables share the person directory). Offsets are file and
 * line, so the source supports Connect's exactly-once delivery where the worker enables it.
 */
public final class OmopSourceConnector extends FeedSourceConnector {

    public OmopSourceConnector() {
        super(OmopSourceConfig.CONFIG_DEF, OmopSourceTask.class, ExactlyOnceSupport.SUPPORTED);
    }
}
