package org.adrdstream.streams.scoring;

import java.nio.ByteBuffer;

import org.adrdstream.contract.ScoreStatus;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the scorer remembers per patient (store {@link ScoringTopology#MARKS_STORE}): the last history version
 * handled, the last status emitted, when the last score was made, and how many clinical facts (diagnoses,
 * medications, labs) that history held, for the re-score policy.
 *
 * @param version        PatientHistory.version last handled (scored, or given a status)
 * @param status         status of the last record emitted
 * @param scoredAtMillis wall-clock time of the last SCORED record; 0 if none
 * @param clinicalFacts  clinical facts in the last scored history
 */
record ScoringMark(long version, ScoreStatus status, long scoredAtMillis, long clinicalFacts) {

    private static final byte FORMAT = 1;
    private static final int SIZE = 1 + 8 + 1 + 8 + 8;

    static final Serde<ScoringMark> SERDE = new Serde<>() {
        @Override
        public Serializer<ScoringMark> serializer() {
            return (topic, mark) -> mark == null ? null : ByteBuffer.allocate(SIZE).put(FORMAT).putLong(mark.version)
                    .put((byte) mark.status.ordinal()).putLong(mark.scoredAtMillis).putLong(mark.clinicalFacts).array();
        }

        @Override
        public Deserializer<ScoringMark> deserializer() {
            return (topic, data) -> {
                if (data == null) {
                    return null;
                }
                ByteBuffer in = ByteBuffer.wrap(data);
                if (data.length != SIZE || in.get() != FORMAT) {
                    throw new SerializationException("unknown scoring mark format");
                }
                return new ScoringMark(in.getLong(), ScoreStatus.values()[in.get()], in.getLong(), in.getLong());
            };
        }
    };
}
