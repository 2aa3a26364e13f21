package org.adrdstream.connect.feed;

import org.adrdstream.contract.FailureStage;

/**
 * A source record the connector cannot turn into events: it goes to the dead-letter topic with this reason and
 * the feed keeps running. The message must not quote identifying content from the record.
 */
public class UnusableRecordException extends RuntimeException {

    private final FailureStage stage;

    public UnusableRecordException(FailureStage stage, String reason) {
        super(reason);
        this.stage = stage;
    }

    public UnusableRecordException(FailureStage stage, String reason, Throwable cause) {
        super(reason, cause);
        this.stage = stage;
    }

    /** Parse failures are CONNECTOR_PARSE; records that parse but cannot be mapped are CONNECTOR_MAPPING. */
    public FailureStage stage() {
        return stage;
    }

    public static UnusableRecordException mapping(String reason) {
        return new UnusableRecordException(FailureStage.CONNECTOR_MAPPING, reason);
    }
}
