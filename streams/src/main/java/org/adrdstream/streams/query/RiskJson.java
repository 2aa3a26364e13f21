package org.adrdstream.streams.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.adrdstream.contract.EvidenceItem;
import org.adrdstream.contract.ModelRef;
import org.adrdstream.contract.RiskScore;

/** Renders a {@link RiskScore} as plain JSON for the query API, in the style of {@link HistoryJson}. */
public final class RiskJson {

    private RiskJson() {
    }

    public static ObjectNode of(RiskScore risk) {
        ObjectNode node = HistoryJson.JSON.createObjectNode()
                .put("patient_id", risk.getPatientId())
                .put("status", risk.getStatus().name())
                .put("score", risk.getScore())
                .put("band", HistoryJson.text(risk.getBand()))
                .put("index_time", HistoryJson.text(risk.getIndexTime()))
                .put("horizon_years", risk.getHorizonYears())
                .put("history_version", risk.getHistoryVersion())
                .put("scored_at", HistoryJson.text(risk.getScoredAt()))
                .put("latency_ms", risk.getLatencyMs());
        ModelRef model = risk.getModel();
        if (model == null) {
            node.putNull("model");
        } else {
            node.putObject("model").put("name", model.getName()).put("version", model.getVersion())
                    .put("sha256", model.getSha256()).put("training_target", model.getTrainingTarget().name());
        }
        ArrayNode evidence = node.putArray("evidence");
        for (EvidenceItem item : risk.getEvidence()) {
            ObjectNode entry = evidence.addObject();
            HistoryJson.code(entry, item.getCode());
            entry.put("time", HistoryJson.text(item.getTime())).put("weight", item.getWeight());
        }
        return node;
    }
}
