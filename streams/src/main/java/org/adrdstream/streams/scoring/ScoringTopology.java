package org.adrdstream.streams.scoring;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.serde.InternalAvroSerde;
import org.adrdstream.streams.serving.ModelService;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.topics.PlatformTopics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the scoring sub-topology: {@code patient.histories.v1} → {@link RiskScorer} (three stores) →
 * {@code adrd.risk.v1}. It reads the published histories rather than the assembler's state, so scoring can
 * run in the history instances or in separate ones (GPU nodes) with the same code. No step re-keys.
 */
public final class ScoringTopology {

    public static final String SOURCE = "patient-histories-in";
    public static final String SCORER = "risk-scorer";
    public static final String RISK_SINK = "risk-scores";
    /** Latest unscored history per patient, with when it falls due ({@link PendingEntry}). */
    public static final String PENDING_STORE = "scoring-pending";
    /** Per patient: last version handled, last status, last score time, clinical facts then. */
    public static final String MARKS_STORE = "scoring-marks";
    /** Per patient: the latest risk record emitted, answered by {@code GET /patients/{pseudonym}/risk}. */
    public static final String LATEST_STORE = "scoring-latest";

    private ScoringTopology() {
    }

    public static Topology addTo(Topology topology, PlatformTopics topics, ScoringSettings settings, PredictionTask task,
                                 ModelService models, Deserializer<PatientHistory> histories, Serializer<RiskScore> scores) {
        topology.addSource(SOURCE, Serdes.String().deserializer(), histories, topics.patientHistories().name());
        topology.addProcessor(SCORER, () -> new RiskScorer(settings, task, models), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE),
                Serdes.String(), Serdes.ByteArray()), SCORER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MARKS_STORE),
                Serdes.String(), ScoringMark.SERDE), SCORER);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LATEST_STORE),
                Serdes.String(), InternalAvroSerde.of(RiskScore.class)), SCORER);
        topology.addSink(RISK_SINK, topics.riskScores().name(), Serdes.String().serializer(), scores, SCORER);
        return topology;
    }
}
