package org.adrdstream.streams.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.HistoryEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event index's markers and their sweep, on a plain store (the topology's rules are in HistoryTopologyTest). */
class EventIndexTest {

    private static final long HORIZON_MS = 100;
    private KeyValueStore<Bytes, byte[]> store;
    private EventIndex index;

    @BeforeEach
    void emptyIndex() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("index"), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        index = new EventIndex(store, HORIZON_MS);
    }

    @Test
    void foldMarkerKeepsWhatItsSummaryIsFoundBy() {
        index.markFolded(key("e1"), event("e1", EventKind.LAB, new Code(CodeSystem.LOINC, "2345-7", "Glucose")), 5);
        index.markFolded(key("e2"), event("e2", EventKind.ENCOUNTER, null), 6);

        assertThat(index.marker(key("e1"))).isEqualTo(new EventIndex.Marker(EventIndex.Kind.FOLDED, 5, EventKind.LAB,
                new Code(CodeSystem.LOINC, "2345-7", null)));
        assertThat(index.marker(key("e2")).code()).as("uncoded events are summarised under a LOCAL code")
                .isEqualTo(new Code(CodeSystem.LOCAL, "uncoded-encounter", null));
        assertThat(store.get(key("e1")).length).as("a few bytes, not the folded event").isLessThan(40);
    }

    @Test
    void sweepRemovesExpiredRetractionsAndFoldsButNeverTheDeathMarker() {
        index.markRetracted(key("old-retraction"), 0);
        Code hypertension = new Code(CodeSystem.ICD10CM, "I10", null);
        index.markFolded(key("old-fold"), event("old-fold", EventKind.DIAGNOSIS, hypertension), 0);
        index.markDeath(key("death"));
        index.markRetracted(key("recent"), 60);

        assertThat(index.sweep(150, 100)).isEqualTo(2);

        assertThat(index.marker(key("old-retraction"))).isNull();
        assertThat(index.marker(key("old-fold"))).isNull();
        assertThat(index.marker(key("recent")).kind()).isEqualTo(EventIndex.Kind.RETRACTED);
        assertThat(index.marker(key("death")).kind()).isEqualTo(EventIndex.Kind.DEATH);
        assertThat(index.sweep(1_000_000, 100)).as("only the death marker left").isEqualTo(1);
        assertThat(index.marker(key("death"))).isNotNull();
    }

    @Test
    void sweepExaminesItsBudgetAndGoesOnWhereItStopped() {
        for (int i = 0; i < 10; i++) {
            index.markRetracted(key("e" + i), 0);
        }

        assertThat(index.sweep(1000, 4)).isEqualTo(4);
        assertThat(index.sweep(1000, 4)).isEqualTo(4);
        assertThat(index.sweep(1000, 4)).as("the last two, then the end").isEqualTo(2);
        index.markRetracted(key("a-new-one"), 0);
        assertThat(index.sweep(1000, 4)).as("back at the start").isEqualTo(1);
    }

    @Test
    void markersOfAnEarlierBuildAreReadAndDatedByTheFirstSweep() {
        HistoryEvent folded = event("e1", EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "G30.9", null));
        store.put(key("retracted"), new byte[] {0});
        store.put(key("folded"), StoredEvents.EVENT.serialize(null, folded));

        assertThat(index.marker(key("retracted")))
                .isEqualTo(new EventIndex.Marker(EventIndex.Kind.RETRACTED, -1, null, null));
        assertThat(index.marker(key("folded"))).isEqualTo(new EventIndex.Marker(EventIndex.Kind.FOLDED, -1,
                EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "G30.9", null)));

        assertThat(index.sweep(1000, 10)).as("undated markers are dated, not removed").isZero();
        assertThat(index.marker(key("folded")).markedAtMs()).isEqualTo(1000);
        assertThat(index.sweep(1000 + HORIZON_MS + 1, 10)).isEqualTo(2);
    }

    private static Bytes key(String eventId) {
        return EventKeys.eventKey("p1", eventId);
    }

    private static HistoryEvent event(String eventId, EventKind kind, Code code) {
        return HistoryEvents.of(Events.event("p1", eventId, kind, Instant.parse("2015-03-01T10:00:00Z"), code));
    }
}
