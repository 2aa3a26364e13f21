package org.adrdstream.streams.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.adrdstream.contract.Sex;
import org.junit.jupiter.api.Test;

class HistoryHeaderSerdeTest {

    private static final HistoryHeader FULL = new HistoryHeader(LocalDate.of(1950, 3, 4), Sex.MALE,
            Instant.parse("2020-01-01T00:00:00Z"), LocalDate.of(2024, 5, 6), Instant.parse("2001-01-01T00:00:00Z"),
            Instant.parse("2024-05-06T00:00:00Z"), 42, 17, true, Instant.parse("2026-11-25T08:00:00.250Z"), null);

    @Test
    void headerRoundTripsWithItsIngestionTime() {
        assertThat(HistoryHeaderSerde.read(HistoryHeaderSerde.write(FULL))).isEqualTo(FULL);
        assertThat(HistoryHeaderSerde.read(HistoryHeaderSerde.write(HistoryHeader.EMPTY))).isEqualTo(HistoryHeader.EMPTY);
    }

    @Test
    void headersWrittenBeforeIngestionTimesStillRead() {
        HistoryHeader old = new HistoryHeader(FULL.birthDate(), FULL.sex(), FULL.demographicsAt(), FULL.deathDate(),
                FULL.observationStart(), FULL.observationEnd(), 42, 17, true, null, null);
        byte[] formatTwo = HistoryHeaderSerde.write(old);
        formatTwo[0] = 2;

        assertThat(HistoryHeaderSerde.read(formatTwo)).isEqualTo(old);
        assertThat(Arrays.copyOf(HistoryHeaderSerde.write(FULL), 1)).containsExactly(4);
    }

    @Test
    void retiredHeaderRoundTripsWithItsSurvivor() {
        HistoryHeader retired = FULL.retiredInto("p-survivor", FULL.lastIngestedAt().plusSeconds(1));
        byte[] written = HistoryHeaderSerde.write(retired);

        assertThat(HistoryHeaderSerde.read(written)).isEqualTo(retired);
        assertThat(retired.retired()).isTrue();
        assertThat(retired.version()).isEqualTo(43);
        assertThat(retired.birthDate()).as("the survivor holds the demographics now").isNull();
    }

    @Test
    void headersWrittenBeforeMergesStillRead() {
        byte[] formatThree = HistoryHeaderSerde.write(FULL);
        formatThree[0] = 3;

        assertThat(HistoryHeaderSerde.read(formatThree)).isEqualTo(FULL);
    }

    @Test
    void laterIngestionTimeWinsWhenAChangeIsApplied() {
        Instant earlier = FULL.lastIngestedAt().minusSeconds(5);

        assertThat(FULL.changed(18, earlier).lastIngestedAt()).isEqualTo(FULL.lastIngestedAt());
        assertThat(FULL.changed(18, FULL.lastIngestedAt().plusMillis(1)).version()).isEqualTo(43);
    }
}
