package org.adrdstream.connect.hl7;

import org.adrdstream.connect.feed.FeedSourceConnector;
import org.apache.kafka.connect.source.ExactlyOnceSupport;

/**
 * Source connector that listens for HL7 v2 messages over MLLP: ADT (A01, A03, A04, A08, and A40 merges as
 * MERGE events), ORU^R01 results, RDE/OMP/RAS medication orders and administrations become ClinicalEvents. One
 * task (one port). The sender's acknowledgement is the delivery guarantee; a live socket cannot be replayed,
 * so the connector declares no exactly-once support.
 */
public final class MllpSourceConnector extends FeedSourceConnector {

    public MllpSourceConnector() {
        super(Hl7SourceConfig.CONFIG_DEF, MllpSourceTask.class, ExactlyOnceSupport.UNSUPPORTED);
    }
}
