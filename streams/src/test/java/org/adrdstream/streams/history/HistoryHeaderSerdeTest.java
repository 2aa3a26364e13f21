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
            Instant.parse("2024-05-06T00:00:00Z"), 42, 17, true, Instant.parse("2026-11-25T08:00:00.250Z"), null,
            false);

    @Test
    void headerRoundTripsWithItsIngestionTimeAndIndexFlag() {
        assertThat(HistoryHeaderSerde.read(HistoryHeaderSerde.write(FULL))).isEqualTo(FULL);
        assertThat(HistoryHeaderSerde.read(HistoryHeaderSerde.write(FULL.withIndexed()))).isEqualTo(FULL.withIndexed());
        assertThat(HistoryHeaderSerde.read(HistoryHeaderSerde.write(HistoryHeader.EMPTY))).isEqualTo(HistoryHeader.EMPTY);
        assertThat(Arrays.copyOf(HistoryHeaderSerde.write(FULL), 1)).containsExactly(5);
    }

    @Test
    void headersWrittenBeforeIngestionTimesStillReadAsIndexed() {
        HistoryHeader old = new HistoryHeader(FULL.birthDate(), FULL.sex(), FULL.demographicsAt(), FULL.deathDate(),
                FULL.observationStart(), FULL.observationEnd(), 42, 17, true, null, null, true);

        assertThat(HistoryHeaderSerde.read(earlierFormat(old, 2))).isEqualTo(old);
    }

    @Test
    void headersWrittenBeforeTheIndexFlagReadAsIndexed() {
        // nothing recorded whether such a patient has index entries: its events must keep looking them up
        assertThat(HistoryHeaderSerde.read(earlierFormat(FULL, 4))).isEqualTo(FULL.withIndexed());
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
        assertThat(HistoryHeaderSerde.read(earlierFormat(FULL, 3))).isEqualTo(FULL.withIndexed());
    }

    @Test
    void theIndexFlagSurvivesEveryChangeButRetirement() {
        HistoryHeader indexed = FULL.withIndexed();

        assertThat(indexed.changed(18, FULL.lastIngestedAt()).indexed()).isTrue();
        assertThat(indexed.withDeath(null).published(3).withDemographics(null, Sex.FEMALE, Instant.now()).indexed())
                .isTrue();
        assertThat(indexed.retiredInto("p-survivor", FULL.lastIngestedAt()).indexed())
                .as("a retired pseudonym's index entries moved to the survivor").isFalse();
    }

    @Test
    void laterIngestionTimeWinsWhenAChangeIsApplied() {
        Instant earlier = FULL.lastIngestedAt().minusSeconds(5);

        assertThat(FULL.changed(18, earlier).lastIngestedAt()).isEqualTo(FULL.lastIngestedAt());
        assertThat(FULL.changed(18, FULL.lastIngestedAt().plusMillis(1)).version()).isEqualTo(43);
    }

    /**
     * {@code header} as a build before the flags byte wrote it: the same bytes without the flags byte, under the
     * earlier format number (formats 2 to 4 differ only in which fields can be present).
     */
    private static byte[] earlierFormat(HistoryHeader header, int format) {
        byte[] current = HistoryHeaderSerde.write(header);
        byte[] earlier = new byte[current.length - 1];
        earlier[0] = (byte) format;
        earlier[1] = current[1];
        System.arraycopy(current, 3, earlier, 2, current.length - 3);
        return earlier;
    }
}
