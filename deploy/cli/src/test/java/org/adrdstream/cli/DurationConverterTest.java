package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsAmountsWithUnitsAndIso8601() {
        assertThat(converter.convert("365d")).isEqualTo(Duration.ofDays(365));
        assertThat(converter.convert("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert(" 2D ")).isEqualTo(Duration.ofDays(2));
        assertThat(converter.convert("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void refusesWhatIsNotADurationAndSaysWhatIs() {
        for (String bad : new String[] {"2weeks", "-5d", "1.5h", "", "d"}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("is not a duration").hasMessageContaining("365d");
        }
        assertThatThrownBy(() -> converter.convert("PT-1H")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'PT-1H' is negative");
    }
}
