package org.adrdstream.connect.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.adrdstream.connect.feed.FeedFixtures;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class Hl7SourceConfigTest {

    @Test
    void charsetsThatWriteAsciiAsAsciiAreTaken() {
        assertThat(config("UTF-8").charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(config("ISO-8859-1").charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void charsetsThatWouldBreakTheFramingOrDoNotExistAreRefusedWithTheReason() {
        for (String charset : new String[] {"UTF-16", "UTF 8", "no-such-charset"}) {
            assertThatThrownBy(() -> config(charset)).as(charset).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("mllp.charset").hasMessageContaining("MLLP framing");
        }
    }

    private static Hl7SourceConfig config(String charset) {
        return new Hl7SourceConfig(FeedFixtures.settings(Map.of(Hl7SourceConfig.CHARSET_CONFIG, charset)));
    }
}
