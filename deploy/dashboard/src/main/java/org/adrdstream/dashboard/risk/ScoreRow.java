package org.adrdstream.dashboard.risk;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.adrdstream.contract.EvidenceItem;
import org.adrdstream.contract.ModelRef;
import org.adrdstream.contract.RiskScore;

/**
 * One risk record as the dashboard shows it: the record's fields plus the change in score since the
 * patient's previous scored record (null for the first score, or for a record without a score).
 *
 * @param sequence position in the order the dashboard received records, so a browser can resume its feed
 */
public record ScoreRow(long sequence, String patientId, String status, Double score, String band, Double change,
                       String model, String trainingTarget, Long latencyMs, Instant scoredAt, Instant indexTime,
                       long historyVersion, List<Evidence> evidence) {

    /** One evidence item behind a score. */
    public record Evidence(String system, String code, String display, Instant time, double weight) {
    }

    static ScoreRow of(long sequence, RiskScore record, Double previousScore) {
        Double score = record.getScore();
        Double change = score == null || previousScore == null ? null : score - previousScore;
        ModelRef model = record.getModel();
        List<Evidence> evidence = record.getEvidence().stream().map(ScoreRow::evidence).toList();
        return new ScoreRow(sequence, record.getPatientId(), record.getStatus().name(), score,
                record.getBand() == null ? null : record.getBand().name(), change,
                model == null ? null : model.getName() + " " + model.getVersion(),
                model == null ? null : String.valueOf(model.getTrainingTarget()),
                record.getLatencyMs(), record.getScoredAt(), record.getIndexTime(), record.getHistoryVersion(), evidence);
    }

    private static Evidence evidence(EvidenceItem item) {
        return new Evidence(item.getCode().getSystem().name(), item.getCode().getValue(), item.getCode().getDisplay(),
                item.getTime(), item.getWeight());
    }

    /** The row as JSON, as the dashboard's API and live feed send it. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("sequence", sequence).put("patient_id", patientId)
                .put("status", status).put("score", score).put("band", band).put("change", change).put("model", model)
                .put("training_target", trainingTarget).put("latency_ms", latencyMs)
                .put("scored_at", String.valueOf(scoredAt)).put("index_time", String.valueOf(indexTime))
                .put("history_version", historyVersion);
        var items = node.putArray("evidence");
        for (Evidence item : evidence) {
            items.addObject().put("system", item.system()).put("code", item.code()).put("display", item.display())
                    .put("time", String.valueOf(item.time())).put("weight", item.weight());
        }
        return node;
    }
}
