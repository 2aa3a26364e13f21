package org.adrdstream.connect.omop;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a table file line by line from just after a committed line, with look-ahead to know the last line. */
final class TableCursor implements Closeable {

    private final OmopTable table;
    private final Path file;
    private final BufferedReader reader;
    private final CsvRow.Header header;
    private long line; // 1-based physical line of the last line returned; the header is line 1
    private String next;

    TableCursor(OmopTable table, Path file, long committedLine) throws IOException {
        this.table = table;
        this.file = file;
        // Malformed UTF-8 becomes U+FFFD (and then, at worst, a dead letter) instead of failing the task.
        this.reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        String headerLine = reader.readLine();
        this.header = new CsvRow.Header(headerLine == null ? "" : headerLine);
        this.line = 1;
        while (line < committedLine && reader.readLine() != null) {
            line++;
        }
        this.next = reader.readLine();
    }

    OmopTable table() {
        return table;
    }

    Path file() {
        return file;
    }

    CsvRow.Header header() {
        return header;
    }

    boolean hasNext() {
        return next != null;
    }

    /** The next line's text; {@link #line()} is then its number. */
    String next() throws IOException {
        String current = next;
        line++;
        next = reader.readLine();
        return current;
    }

    long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
