package org.adrdstream.dashboard.patient;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.adrdstream.streams.history.HistoryQueries;
import org.adrdstream.streams.query.HistoryJson;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** Histories from the stores of the streams instance in this process (the demo runs one instance). */
public final class LocalHistories implements PatientHistorySource {

    private final HistoryQueries queries;

    public LocalHistories(KafkaStreams streams, int maxDetailedEvents) {
        this.queries = new HistoryQueries(streams, maxDetailedEvents);
    }

    @Override
    public Optional<JsonNode> history(String patientId) {
        try {
            return queries.current(patientId).map(HistoryJson::of);
        } catch (InvalidStateStoreException e) {
            throw new HistoryUnavailableException("stores are restoring or moving", e);
        }
    }
}
