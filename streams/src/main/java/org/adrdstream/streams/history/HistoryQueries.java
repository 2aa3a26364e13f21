package org.adrdstream.streams.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a patient's current history from this instance's local stores (interactive queries): the same
 * assembly as a publication, including events not yet published.
 *
 * <p>Throws Kafka Streams' {@code InvalidStateStoreException} while the stores are restoring or moving.
 */
public final class HistoryQueries {

    private final KafkaStreams streams;
    private final int maxDetailedEvents;

    public HistoryQueries(KafkaStreams streams, int maxDetailedEvents) {
        this.streams = streams;
        this.maxDetailedEvents = maxDetailedEvents;
    }

    /**
     * The history, or empty when this instance holds nothing for the patient, or the pseudonym was retired by
     * a merge (its history is the survivor's now, as the tombstone on the histories topic says).
     */
    public Optional<PatientHistory> current(String patient) {
        ReadOnlyKeyValueStore<String, HistoryHeader> headers = store(HistoryTopology.HEADERS_STORE);
        HistoryHeader header = headers.get(patient);
        if (header == null || header.retired()) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<Bytes, byte[]> events = store(HistoryTopology.EVENTS_STORE);
        ReadOnlyKeyValueStore<String, List<CodeSummary>> summaries = store(HistoryTopology.SUMMARIES_STORE);
        List<CodeSummary> folded = summaries.get(patient) == null ? new ArrayList<>() : summaries.get(patient);
        List<HistoryEvent> detailed = new ArrayList<>(StoredEvents.of(events, patient).stream()
                .map(StoredEvents.Stored::event).toList());
        // Fold what the next publication will fold, in this copy only: the answer matches a publication.
        while (detailed.size() > maxDetailedEvents) {
            SummaryFolding.fold(folded, detailed.remove(0));
        }
        return Optional.of(HistoryEvents.history(patient, header, detailed, folded, Instant.now()));
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }
}
