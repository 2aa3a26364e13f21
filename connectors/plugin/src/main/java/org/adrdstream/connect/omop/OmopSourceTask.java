package org.adrdstream.connect.omop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.adrdstream.connect.feed.FeedMetrics;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.FeedSourceTask;
import org.adrdstream.connect.feed.SourcePartition;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.SourceFormat;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads the CDM tables in order, each from the line after its committed offset ({@code {directory, table}} →
 * {@code {line, complete}}), so a restart resumes where the last committed record was. person.csv is read
 * in full at start so that every table can pseudonymise its person_id.
 */
public final class OmopSourceTask extends FeedSourceTask {

    public static final String PARTITION_DIRECTORY = "directory";
    public static final String PARTITION_TABLE = "table";
    public static final String OFFSET_LINE = "line";
    public static final String OFFSET_COMPLETE = "complete";
    /** How far an offset has read a table: complete beyond all, then by line. */
    private static final Comparator<Map<String, Object>> READING_PROGRESS = Comparator
            .<Map<String, Object>, Boolean>comparing(o -> Boolean.TRUE.equals(o.get(OFFSET_COMPLETE)))
            .thenComparingLong(o -> ((Number) o.get(OFFSET_LINE)).longValue());

    private OmopSourceConfig config;
    private OmopRowMapper mapper;
    private final Deque<OmopTable> remaining = new ArrayDeque<>();
    private TableCursor cursor;

    @Override
    public void start(Map<String, String> props) {
        config = new OmopSourceConfig(props);
        records = new FeedRecords(config, SourceFormat.OMOP_CDM, new FeedMetrics(context.pluginMetrics()), Clock.systemUTC());
        Persons persons = new Persons();
        mapper = new OmopRowMapper(config, records, persons);
        try {
            loadPersons(persons);
        } catch (IOException | RuntimeException e) {
            closeResources(); // Connect calls stop() only after a successful start
            throw e instanceof ConnectException connect ? connect
                    : new ConnectException("cannot read " + config.directory().resolve(OmopTable.PERSON.fileName()), e);
        }
        for (OmopTable table : OmopTable.values()) {
            if (Files.isRegularFile(config.directory().resolve(table.fileName()))) {
                remaining.add(table);
            }
        }
    }

    private void loadPersons(Persons persons) throws IOException {
        Path file = config.directory().resolve(OmopTable.PERSON.fileName());
        if (!Files.isRegularFile(file)) {
            throw new ConnectException("no " + OmopTable.PERSON.fileName() + " in " + config.directory()
                    + ": every other table refers to it");
        }
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            String headerLine = reader.readLine();
            CsvRow.Header header = new CsvRow.Header(headerLine == null ? "" : headerLine);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                try {
                    CsvRow row = CsvRow.parse(header, line);
                    persons.put(row.value("person_id"), mapper.person(row));
                } catch (UnusableRecordException e) {
                    // dead-lettered with its line number when the person table is read
                }
            }
        }
    }

    @Override
    public synchronized List<SourceRecord> poll() throws InterruptedException {
        if (stopped.getCount() == 0) {
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>();
        try {
            while (batch.size() < config.batchRecords()) {
                if (cursor == null && !openNextTable()) {
                    break;
                }
                if (!cursor.hasNext()) {
                    cursor.close();
                    cursor = null;
                    continue;
                }
                batch.add(read(cursor));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (batch.isEmpty()) {
            stopped.await(1, TimeUnit.SECONDS); // everything read: idle until stopped
            return null;
        }
        return batch;
    }

    private boolean openNextTable() throws IOException {
        while (!remaining.isEmpty()) {
            OmopTable table = remaining.poll();
            Map<String, Object> offset = SourcePartition.committedOffset(context.offsetStorageReader(), partition(table),
                    READING_PROGRESS).orElse(null);
            if (offset != null && Boolean.TRUE.equals(offset.get(OFFSET_COMPLETE))) {
                continue;
            }
            long committed = offset == null ? 1 : ((Number) offset.get(OFFSET_LINE)).longValue();
            cursor = new TableCursor(table, config.directory().resolve(table.fileName()), committed);
            return true;
        }
        return false;
    }

    private SourceRecord read(TableCursor table) throws IOException {
        String text = table.next();
        Map<String, String> partition = partition(table.table());
        Map<String, ?> offset = Map.of(OFFSET_LINE, table.line(), OFFSET_COMPLETE, !table.hasNext());
        String recordRef = table.table().tableName() + " line " + table.line();
        try {
            return records.event(partition, offset, mapper.map(table.table(), CsvRow.parse(table.header(), text)));
        } catch (UnusableRecordException e) {
            return records.deadLetter(partition, offset, e.getMessage(), e.stage(), e, table.file().getFileName().toString(),
                    table.line(), recordRef, text.length());
        }
    }

    Map<String, String> partition(OmopTable table) {
        return SourcePartition.of(PARTITION_DIRECTORY, config.directory().toAbsolutePath().toString(),
                PARTITION_TABLE, table.tableName());
    }

    @Override
    protected void closeReader() throws IOException {
        if (cursor != null) {
            cursor.close();
        }
    }
}
