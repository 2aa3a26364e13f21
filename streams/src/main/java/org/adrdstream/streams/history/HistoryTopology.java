package org.adrdstream.streams.history;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.serde.InternalAvroSerde;
import org.adrdstream.topics.PlatformTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the history-assembly topology: {@code clinical.events.v1} → {@link HistoryAssembler} (four
 * persistent stores, see docs/streams.md) → {@code patient.histories.v1}, with refused events to {@code clinical.events.dlq.v1}.
 * Merges loop through the application's merge topic ({@link PatientMerges}) back into the assembler.
 * The application and the {@code TopologyTestDriver} tests both build it here.
 *
 * <p>No step re-keys: events arrive keyed by pseudonym, and every store is keyed by pseudonym first, so a
 * patient's events, state and output stay on one partition and one task.
 */
public final class HistoryTopology {

    public static final String SOURCE = "clinical-events";
    public static final String MERGES_SOURCE = "patient-merges";
    public static final String MERGES_SINK = "patient-merges-out";
    public static final String ASSEMBLER = "history-assembler";
    public static final String HISTORIES_SINK = "patient-histories";
    public static final String DEAD_LETTER_SINK = "dead-letters";

    /** Detailed events, one entry each, keyed pseudonym + event_id (Avro {@code HistoryEvent}). */
    public static final String EVENTS_STORE = "history-events";
    /**
     * event_ids that were retracted or folded into a summary, so re-sends stay ignored for the re-send horizon
     * ({@link EventIndex}); the DEATH that set the death date.
     */
    public static final String INDEX_STORE = "history-event-index";
    /** Per-patient header: demographics, death, observation, version, detailed count, due mark. */
    public static final String HEADERS_STORE = "history-headers";
    /** Per-patient summaries of folded events, written only when events are folded. */
    public static final String SUMMARIES_STORE = "history-summaries";

    private HistoryTopology() {
    }

    /**
     * @param topics          where to read and write
     * @param events          value serde of {@code clinical.events.v1} (registry Avro)
     * @param deadLetters     value serializer for dead letters (registry Avro)
     * @param historySchemaId registry id of the {@code PatientHistory} schema under the histories subject:
     *                        histories are written in the wire format directly from the stored event bytes
     * @param mergeTopic      the application's merge topic ({@link PatientMerges#topic})
     */
    public static Topology build(PlatformTopics topics, HistorySettings settings, Serde<ClinicalEvent> events,
                                 Serializer<SpecificRecord> deadLetters, int historySchemaId, String mergeTopic) {
        Topology topology = new Topology();
        // Caching is off where keys rarely repeat within a commit interval (every event has its own entry;
        // headers repeat only for patients with several events in 200 ms): measured, the cache's sorted-map
        // upkeep cost more than the coalescing saved. Summaries change rarely and stay cached.
        topology.addSource(SOURCE, Serdes.String().deserializer(), events.deserializer(),
                topics.clinicalEvents().name());
        MergeMessageSerde merges = new MergeMessageSerde();
        topology.addSource(MERGES_SOURCE, Serdes.String().deserializer(), merges.deserializer(), mergeTopic);
        PublishedHistoryEncoder encoder = new PublishedHistoryEncoder(historySchemaId);
        topology.addProcessor(ASSEMBLER, () -> new HistoryAssembler(settings, encoder), SOURCE,
                MERGES_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVENTS_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), ASSEMBLER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INDEX_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled(), ASSEMBLER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEADERS_STORE),
                Serdes.String(), new HistoryHeaderSerde()).withCachingDisabled(), ASSEMBLER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SUMMARIES_STORE),
                Serdes.String(), InternalAvroSerde.listOf(CodeSummary.class)).withCachingEnabled(), ASSEMBLER);
        topology.addSink(HISTORIES_SINK, topics.patientHistories().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), ASSEMBLER);
        topology.addSink(MERGES_SINK, mergeTopic, Serdes.String().serializer(), merges.serializer(), ASSEMBLER);
        topology.addSink(DEAD_LETTER_SINK, topics.deadLetters().name(), Serdes.String().serializer(), deadLetters,
                ASSEMBLER);
        return topology;
    }
}
