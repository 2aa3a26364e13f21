package org.adrdstream.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.adrdstream.contract.PatientHistory;
import org.adrdstream.contract.RiskScore;
import org.adrdstream.contract.ScoreStatus;
import org.adrdstream.task.PredictionTask;

/** Checks on what {@code adrd.risk.v1} holds, shared by the end-to-end scoring and crash tests. */
public final class RiskRecords {

    private RiskRecords() {
    }

    /** Fails if any (patient, history version) has more than one record: exactly-once broken. */
    public static void assertNoScoringTwice(List<RiskScore> scores) {
        Set<String> scorings = new HashSet<>();
        for (RiskScore score : scores) {
            assertThat(scorings.add(score.getPatientId() + "@" + score.getHistoryVersion()))
                    .as("%s version %d has one record", score.getPatientId(), score.getHistoryVersion()).isTrue();
        }
    }

    /**
     * Per patient, the record that stands for its final history: the record of that version, or else the last
     * status record if the task still gives that status (a status is emitted only when it changes).
     */
    public static Map<String, RiskScore> finalRecords(List<RiskScore> scores, Map<String, PatientHistory> histories,
                                                      PredictionTask task) {
        Map<String, RiskScore> finals = new HashMap<>();
        Map<String, RiskScore> standingStatus = new HashMap<>();
        for (RiskScore score : scores) {
            PatientHistory history = histories.get(score.getPatientId());
            if (history == null) {
                continue;
            }
            if (score.getHistoryVersion() == history.getVersion()) {
                finals.put(score.getPatientId(), score);
            } else if (score.getStatus() != ScoreStatus.SCORED && score.getStatus()
                    == RiskScores.statusOf(task.eligibility(history, history.getLastEventTime()))) {
                standingStatus.put(score.getPatientId(), score);
            }
        }
        standingStatus.forEach(finals::putIfAbsent);
        return finals;
    }
}
