package org.adrdstream.streams.scoring;

import java.time.Instant;
import java.util.List;

import org.adrdstream.contract.EvidenceItem;
import org.adrdstream.contract.ModelRef;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.task.Eligibility;

/** Builds the {@code RiskScore} records the scorer emits. */
final class RiskScores {

    private RiskScores() {
    }

    static RiskScore scored(PatientHistory history, int horizonYears, double probability, RiskBands bands, ModelRef model,
                            List<EvidenceItem> evidence, Instant now) {
        return base(history, horizonYears, ScoreStatus.SCORED, now).setScore(probability).setBand(bands.of(probability))
                .setModel(model).setEvidence(evidence).build();
    }

    static RiskScore status(PatientHistory history, int horizonYears, ScoreStatus status, Instant now) {
        return base(history, horizonYears, status, now).setScore(null).setBand(null).setModel(null)
                .setEvidence(List.of()).build();
    }

    /**
     * The last record for a pseudonym a merge retired: status MERGED, no score; the index time is the time the
     * retirement was seen (the retired history is gone), the version one past the last one handled.
     */
    static RiskScore merged(String patient, int horizonYears, long version, Instant now) {
        return RiskScore.newBuilder().setPatientId(patient).setIndexTime(now).setHorizonYears(horizonYears)
                .setStatus(ScoreStatus.MERGED).setScore(null).setBand(null).setModel(null).setEvidence(List.of())
                .setHistoryVersion(version).setScoredAt(now).setLatencyMs(null).build();
    }

    static ScoreStatus statusOf(Eligibility eligibility) {
        return switch (eligibility) {
            case ELIGIBLE -> ScoreStatus.SCORED;
            case ALREADY_DIAGNOSED -> ScoreStatus.ALREADY_DIAGNOSED;
            case NOT_ELIGIBLE -> ScoreStatus.NOT_ELIGIBLE;
            case INSUFFICIENT_HISTORY -> ScoreStatus.INSUFFICIENT_HISTORY;
        };
    }

    private static RiskScore.Builder base(PatientHistory history, int horizonYears, ScoreStatus status, Instant now) {
        Instant indexTime = history.getLastEventTime() != null ? history.getLastEventTime() : now;
        Instant ingested = history.getLastIngestedAt();
        return RiskScore.newBuilder().setPatientId(history.getPatientId()).setIndexTime(indexTime)
                .setHorizonYears(horizonYears).setStatus(status).setHistoryVersion(history.getVersion()).setScoredAt(now)
                .setLatencyMs(ingested == null ? null : Math.max(0, now.toEpochMilli() - ingested.toEpochMilli()));
    }
}
