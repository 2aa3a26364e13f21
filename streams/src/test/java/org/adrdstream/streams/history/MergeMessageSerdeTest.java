package org.adrdstream.streams.history;

import static org.adrdstream.streams.history.Events.diagnosis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.CodeSummary;
import org.adrdstream.contract.EventKind;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class MergeMessageSerdeTest {

    private static final Instant T = Instant.parse("2015-03-01T10:00:00Z");

    @Test
    void transferRoundTripsWithItsStoreEntriesByteForByte() {
        ClinicalEvent event = diagnosis("old", "e1", T, "I10");
        byte[] stored = StoredEvents.EVENT.serialize(null, HistoryEvents.of(event));
        CodeSummary summary = CodeSummary.newBuilder().setKind(EventKind.DIAGNOSIS).setCode(event.getCode()).setCount(3)
                .setFirstTime(T).setLastTime(T.plusSeconds(60)).setLastValue(null).setUnit(null).build();
        MergeMessage.Transfer transfer = new MergeMessage.Transfer("old", "new", 2,
                HistoryHeaderSerde.write(HistoryHeader.EMPTY.changed(1, T)),
                List.of(new MergeMessage.Transfer.Entry("e1", stored)),
                List.of(new MergeMessage.Transfer.Entry("gone", new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 9})), List.of(summary));

        MergeMessage.Transfer read = (MergeMessage.Transfer) MergeMessageSerde.read(MergeMessageSerde.write(transfer));

        assertThat(read.retired()).isEqualTo("old");
        assertThat(read.survivor()).isEqualTo("new");
        assertThat(read.hops()).isEqualTo(2);
        assertThat(HistoryHeaderSerde.read(read.header())).isEqualTo(HistoryHeader.EMPTY.changed(1, T));
        assertThat(read.events()).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo("e1");
            assertThat(e.value()).isEqualTo(stored);
        });
        assertThat(read.markers()).singleElement().satisfies(m -> assertThat(m.value()).hasSize(9));
        assertThat(read.summaries()).containsExactly(summary);
    }

    @Test
    void forwardedEventRoundTripsAndIsReAddressedWhenPassedOn() {
        ClinicalEvent event = diagnosis("new", "e1", T, "I10");
        MergeMessage.Forwarded forwarded = new MergeMessage.Forwarded(event, 1);

        MergeMessage read = MergeMessageSerde.read(MergeMessageSerde.write(forwarded));
        MergeMessage next = read.passedOn("newer");

        assertThat(read).isEqualTo(forwarded);
        assertThat(next.survivor()).isEqualTo("newer");
        assertThat(next.hops()).isEqualTo(2);
        assertThat(((MergeMessage.Forwarded) next).event().getEventId()).isEqualTo("e1");
    }

    @Test
    void unknownFormatIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> MergeMessageSerde.read(new byte[] {9, 'T', 0, 0, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessage("unknown merge message format 9");
    }
}
