package org.adrdstream.dashboard.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.ContractSamples;
import org.adrdstream.contract.RiskBand;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.junit.jupiter.api.Test;

class RiskBoardTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void changeIsMeasuredAgainstThePatientsPreviousScoreOnly() {
        RiskBoard board = new RiskBoard(10, 10, START);
        board.accept(scored("p-a", 0.10, 1, START.plusSeconds(1)));
        board.accept(scored("p-b", 0.50, 1, START.plusSeconds(2)));
        board.accept(notEligible("p-a", 2));
        board.accept(scored("p-a", 0.25, 3, START.plusSeconds(3)));

        List<ScoreRow> newest = board.newest(10);
        assertThat(newest).extracting(ScoreRow::patientId).containsExactly("p-a", "p-a", "p-b", "p-a");
        assertThat(newest.get(0).change()).as("0.25 against p-a's last score 0.10, not p-b's").isCloseTo(0.15, within(1e-9));
        assertThat(newest.get(1).change()).as("a record without a score has no change").isNull();
        assertThat(newest.get(3).change()).as("first score").isNull();
        assertThat(board.trail("p-a")).extracting(ScoreRow::historyVersion).containsExactly(1L, 2L, 3L);
        assertThat(board.trail("p-unknown")).isEmpty();
    }

    @Test
    void feedAndTrailsKeepOnlyTheirCapacity() {
        RiskBoard board = new RiskBoard(3, 2, START);
        for (int version = 1; version <= 5; version++) {
            board.accept(scored("p-a", version / 10.0, version, START.plusSeconds(version)));
        }
        assertThat(board.newest(10)).extracting(ScoreRow::historyVersion).containsExactly(5L, 4L, 3L);
        assertThat(board.trail("p-a")).extracting(ScoreRow::historyVersion).containsExactly(4L, 5L);
        assertThat(board.newest(2)).hasSize(2);
        assertThat(board.counts().records()).isEqualTo(5);
        assertThat(board.counts().scored()).isEqualTo(5);
    }

    @Test
    void firstScoreOfThisRunIgnoresScoresFromBeforeItsStart() {
        RiskBoard board = new RiskBoard(10, 10, START);
        board.accept(scored("p-a", 0.2, 1, START.minusSeconds(60))); // a resumed run reads its backlog first
        assertThat(board.counts().firstScoredAt()).isEmpty();
        board.accept(notEligible("p-b", 1));
        assertThat(board.counts().firstScoredAt()).isEmpty();
        board.accept(scored("p-c", 0.3, 1, START.plusSeconds(7)));
        assertThat(board.counts().firstScoredAt()).contains(START.plusSeconds(7));
    }

    @Test
    void subscribersSeeEveryRowUntilTheyStop() {
        RiskBoard board = new RiskBoard(10, 10, START);
        List<ScoreRow> seen = new ArrayList<>();
        Runnable stop = board.subscribe(seen::add);
        board.accept(scored("p-a", 0.1, 1, START));
        board.accept(scored("p-a", 0.2, 2, START));
        stop.run();
        board.accept(scored("p-a", 0.3, 3, START));
        assertThat(seen).extracting(ScoreRow::sequence).containsExactly(1L, 2L);
    }

    @Test
    void latencyQuantilesComeFromTheRecords() {
        RiskBoard board = new RiskBoard(10, 10, START);
        assertThat(board.counts().latencyP99Ms()).isEqualTo(-1);
        for (long latency = 1; latency <= 100; latency++) {
            RiskScore record = scored("p-" + latency, 0.1, 1, START);
            record.setLatencyMs(latency * 10);
            board.accept(record);
        }
        assertThat(board.counts().latencyP50Ms()).isEqualTo(500);
        assertThat(board.counts().latencyP99Ms()).isEqualTo(990);
    }

    static RiskScore scored(String patient, double score, long version, Instant scoredAt) {
        RiskScore record = RiskScore.newBuilder(ContractSamples.riskScore()).setPatientId(patient).setScore(score)
                .setBand(RiskBand.MODERATE).setHistoryVersion(version).setScoredAt(scoredAt).build();
        return record;
    }

    static RiskScore notEligible(String patient, long version) {
        return RiskScore.newBuilder(ContractSamples.riskScore()).setPatientId(patient).setStatus(ScoreStatus.NOT_ELIGIBLE)
                .setScore(null).setBand(null).setModel(null).setEvidence(List.of()).setLatencyMs(null)
                .setHistoryVersion(version).setScoredAt(START).build();
    }
}
