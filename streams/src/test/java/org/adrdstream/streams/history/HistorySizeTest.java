package org.adrdstream.streams.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.serde.InternalAvroSerde;
import org.junit.jupiter.api.Test;

/** The cap keeps the largest possible history far below Kafka's default 1 MB message size. */
class HistorySizeTest {

    private static final int KAFKA_DEFAULT_MAX_MESSAGE = 1_048_588;

    @Test
    void aFullHistoryWithLongDisplaysAndManySummariesStaysUnderHalfTheLimit() {
        int cap = HistorySettings.defaults().maxDetailedEvents();
        String display = "x".repeat(120); // longer than any display name in ICD-10-CM, LOINC or RxNorm
        List<HistoryEvent> events = new ArrayList<>();
        List<CodeSummary> summaries = new ArrayList<>();
        Instant t = Instant.parse("2010-01-01T00:00:00Z");
        for (int i = 0; i < cap; i++) {
            events.add(HistoryEvent.newBuilder().setEventId("fhir-bulk-main:Observation/" + (1_000_000_000L + i))
                    .setKind(EventKind.LAB).setTime(t.plusSeconds(i)).setEndTime(t.plusSeconds(i + 60))
                    .setCode(new Code(CodeSystem.LOINC, "12345-" + i, display)).setValue(123.456)
                    .setValueText("above reference range").setUnit("mmol/L")
                    .setFormat(org.adrdstream.contract.SourceFormat.FHIR_R4).build());
        }
        for (int i = 0; i < 500; i++) { // 500 distinct folded codes
            summaries.add(CodeSummary.newBuilder().setKind(EventKind.DIAGNOSIS)
                    .setCode(new Code(CodeSystem.ICD10CM, "Z" + i, display)).setCount(40).setFirstTime(t)
                    .setLastTime(t).setLastValue(1.0).setUnit("1").build());
        }
        PatientHistory history = HistoryEvents.history("p-largest", HistoryHeader.EMPTY, events, summaries,
                Instant.now());

        int bytes = InternalAvroSerde.of(PatientHistory.class).serialize("size", history).length;

        assertThat(bytes).isLessThan(KAFKA_DEFAULT_MAX_MESSAGE / 2); // about 300 KB
    }
}
