package org.adrdstream.connect.omop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.adrdstream.connect.feed.UnusableRecordException;
import org.junit.jupiter.api.Test;

class CsvRowTest {

    private final CsvRow.Header header = new CsvRow.Header("person_id,Note,value");

    @Test
    void quotedValuesKeepCommasAndDoubledQuotes() {
        CsvRow row = CsvRow.parse(header, "7,\"said \"\"hi\"\", then left\",  3.5 ");

        assertThat(row.value("person_id")).isEqualTo("7");
        assertThat(row.value("note")).isEqualTo("said \"hi\", then left");
        assertThat(row.value("value")).isEqualTo("3.5");
    }

    @Test
    void aLineWithTheWrongNumberOfColumnsIsRefusedWithBothCounts() {
        assertThatThrownBy(() -> CsvRow.parse(header, "7,x"))
                .isInstanceOf(UnusableRecordException.class).hasMessage("expected 3 columns, found 2");
    }

    @Test
    void anUnterminatedQuoteIsRefused() {
        assertThatThrownBy(() -> CsvRow.parse(header, "7,\"open,3"))
                .isInstanceOf(UnusableRecordException.class).hasMessage("unterminated quoted value");
    }

    @Test
    void anUnknownColumnNamesTheColumn() {
        CsvRow row = CsvRow.parse(header, "1,2,3");
        assertThatThrownBy(() -> row.value("birth_datetime")).hasMessage("the table has no column birth_datetime");
        assertThat(row.has("value")).isTrue();
    }
}
