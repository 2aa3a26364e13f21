package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.adrdstream.connect.feed.UnusableRecordException;
import org.junit.jupiter.api.Test;

class Hl7TimesTest {

    @Test
    void fullTimestampWithOffsetIsConvertedToUtc() {
        assertThat(Hl7Times.instant("20150304102030+0200", "OBX-14")).isEqualTo(Instant.parse("2015-03-04T08:20:30Z"));
        assertThat(Hl7Times.instant("20150304102030-0500", "OBX-14")).isEqualTo(Instant.parse("2015-03-04T15:20:30Z"));
    }

    @Test
    void missingPartsTakeTheirFirstValueInUtc() {
        assertThat(Hl7Times.instant("2015", "x")).isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(Hl7Times.instant("201503041020", "x")).isEqualTo(Instant.parse("2015-03-04T10:20:00Z"));
        assertThat(Hl7Times.instant("20150304102030.1234", "x")).isEqualTo(Instant.parse("2015-03-04T10:20:30Z"));
        assertThat(Hl7Times.date("19400128", "PID-7")).isEqualTo(LocalDate.of(1940, 1, 28));
    }

    @Test
    void garbageNamesTheField() {
        assertThatThrownBy(() -> Hl7Times.instant("yesterday", "PV1-44"))
                .isInstanceOf(UnusableRecordException.class).hasMessage("bad date/time in PV1-44");
    }
}
