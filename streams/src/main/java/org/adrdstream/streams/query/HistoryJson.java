package org.adrdstream.streams.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;

/** Renders a {@link PatientHistory} as plain JSON for the query API and the dashboard: ISO times, codes as objects, no unions. */
public final class HistoryJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private HistoryJson() {
    }

    public static ObjectNode of(PatientHistory history) {
        ObjectNode node = JSON.createObjectNode()
                .put("patient_id", history.getPatientId())
                .put("birth_date", text(history.getBirthDate()))
                .put("sex", text(history.getSex()))
                .put("death_date", text(history.getDeathDate()))
                .put("observation_start", text(history.getObservationStart()))
                .put("observation_end", text(history.getObservationEnd()))
                .put("version", history.getVersion())
                .put("last_event_time", text(history.getLastEventTime()));
        ArrayNode events = node.putArray("events");
        for (HistoryEvent event : history.getEvents()) {
            ObjectNode item = events.addObject().put("event_id", event.getEventId()).put("kind", text(event.getKind()))
                    .put("time", text(event.getTime())).put("end_time", text(event.getEndTime()));
            code(item, event.getCode());
            item.put("value", event.getValue()).put("value_text", event.getValueText()).put("unit", event.getUnit());
        }
        ArrayNode summaries = node.putArray("summaries");
        for (CodeSummary summary : history.getSummaries()) {
            ObjectNode item = summaries.addObject().put("kind", text(summary.getKind())).put("count", summary.getCount())
                    .put("first_time", text(summary.getFirstTime())).put("last_time", text(summary.getLastTime()))
                    .put("last_value", summary.getLastValue()).put("unit", summary.getUnit());
            code(item, summary.getCode());
        }
        return node;
    }

    static void code(ObjectNode item, Code code) {
        if (code == null) {
            item.putNull("code");
        } else {
            item.putObject("code").put("system", code.getSystem().name()).put("value", code.getValue())
                    .put("display", code.getDisplay());
        }
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
