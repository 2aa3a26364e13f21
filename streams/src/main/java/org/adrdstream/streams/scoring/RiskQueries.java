package org.adrdstream.streams.scoring;

import java.util.Optional;

import org.adrdstream.contract.RiskScore;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Reads a patient's latest risk record (a score, a status, or MERGED) from this instance's scoring store
 * (interactive queries). Throws Kafka Streams' {@code InvalidStateStoreException} while the store is
 * restoring or moving.
 */
public final class RiskQueries {

    private final KafkaStreams streams;

    public RiskQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The latest risk record, or empty when this instance has emitted none for the patient. */
    public Optional<RiskScore> latest(String patient) {
        return Optional.ofNullable(streams.store(StoreQueryParameters.fromNameAndType(ScoringTopology.LATEST_STORE,
                QueryableStoreTypes.<String, RiskScore>keyValueStore())).get(patient));
    }
}
