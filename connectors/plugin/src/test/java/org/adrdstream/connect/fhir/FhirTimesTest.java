package org.adrdstream.connect.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.TimeZone;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FHIR times do not depend on the host's time zone (here a JVM set to Tokyo). */
class FhirTimesTest {

    private TimeZone original;

    @BeforeEach
    void farFromUtc() {
        original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(original);
    }

    @Test
    void valuesWithoutAZoneAreUtc() {
        assertThat(FhirResourceMapper.instant(new DateTimeType("2015-03-04T10:20:00")))
                .isEqualTo(Instant.parse("2015-03-04T10:20:00Z"));
        assertThat(FhirResourceMapper.instant(new DateType("2015-03-04"))).isEqualTo(Instant.parse("2015-03-04T00:00:00Z"));
        assertThat(FhirResourceMapper.instant(new DateTimeType("2015-03"))).isEqualTo(Instant.parse("2015-03-01T00:00:00Z"));
    }

    @Test
    void valuesWithAZoneKeepIt() {
        assertThat(FhirResourceMapper.instant(new DateTimeType("2015-03-04T10:20:00+02:00")))
                .isEqualTo(Instant.parse("2015-03-04T08:20:00Z"));
        assertThat(FhirResourceMapper.instant(new DateTimeType("2015-03-04T10:20:00Z")))
                .isEqualTo(Instant.parse("2015-03-04T10:20:00Z"));
    }
}
