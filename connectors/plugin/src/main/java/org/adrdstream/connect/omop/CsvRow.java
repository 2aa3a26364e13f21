package org.adrdstream.connect.omop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.FailureStage;

/**
 * One CSV line split by RFC 4180 rules (commas, double quotes, doubled quotes inside quotes), read against
 * the table's header. One record per line: a line that does not parse, or has the wrong number of columns,
 * is refused on its own and the rest of the file still flows.
 */
final class CsvRow {

    /** Column positions of a table, from its header line. */
    static final class Header {
        private final Map<String, Integer> positions = new HashMap<>();
        private final int columns;

        Header(String line) {
            List<String> names = split(line.startsWith("\uFEFF") ? line.substring(1) : line); // a BOM from Excel
            for (int i = 0; i < names.size(); i++) {
                positions.put(names.get(i).trim().toLowerCase(), i);
            }
            this.columns = names.size();
        }

        int columns() {
            return columns;
        }
    }

    private final Header header;
    private final List<String> values;

    private CsvRow(Header header, List<String> values) {
        this.header = header;
        this.values = values;
    }

    static CsvRow parse(Header header, String line) {
        List<String> values = split(line);
        if (values.size() != header.columns()) {
            throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "expected " + header.columns()
                    + " columns, found " + values.size());
        }
        return new CsvRow(header, values);
    }

    boolean has(String column) {
        return header.positions.containsKey(column);
    }

    /** The trimmed value of {@code column}, empty when blank. */
    String value(String column) {
        Integer position = header.positions.get(column);
        if (position == null) {
            throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "the table has no column " + column);
        }
        return values.get(position).trim();
    }

    static List<String> split(String line) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    value.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    value.append(c);
                }
            } else if (c == '"' && value.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                values.add(value.toString());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (quoted) {
            throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "unterminated quoted value");
        }
        values.add(value.toString());
        return values;
    }
}
