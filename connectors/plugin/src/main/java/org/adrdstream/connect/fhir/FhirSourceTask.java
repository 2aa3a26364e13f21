package org.adrdstream.connect.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ca.uhn.fhir.parser.IParser;
import org.adrdstream.connect.feed.FeedMetrics;
import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.FeedSourceTask;
import org.adrdstream.connect.feed.SourcePartition;
import org.adrdstream.contract.SourceFormat;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the FHIR files of a directory, Patient NDJSON files first (other resources refer to them), then the
 * other NDJSON files, then JSON documents; rescans for new files when idle, and first runs a Bulk Data
 * export into the directory when {@code fhir.export.url} is set. Offsets per file
 * ({@code {directory, file}} → {@code {unit, record, complete}}) name the last record handed over, so a
 * restart skips exactly what was committed.
 */
public final class FhirSourceTask extends FeedSourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(FhirSourceTask.class);
    static final long RETRY_EXPORT_MS = 60_000;
    static final long SETTLE_MS = 2_000;

    public static final String PARTITION_DIRECTORY = "directory";
    public static final String PARTITION_FILE = "file";
    public static final String OFFSET_UNIT = "unit";
    public static final String OFFSET_RECORD = "record";
    public static final String OFFSET_COMPLETE = "complete";
    /** How far an offset has read a file: complete beyond all, then by unit, then by record. */
    private static final Comparator<Map<String, Object>> READING_PROGRESS = Comparator
            .<Map<String, Object>, Boolean>comparing(o -> Boolean.TRUE.equals(o.get(OFFSET_COMPLETE)))
            .thenComparingLong(o -> ((Number) o.get(OFFSET_UNIT)).longValue())
            .thenComparingLong(o -> ((Number) o.get(OFFSET_RECORD)).longValue());

    private FhirSourceConfig config;
    private FeedMetrics metrics;
    private IParser parser;
    private PatientDirectory patients;
    private FhirResourceMapper mapper;
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Path> pending = new ArrayDeque<>();
    private FhirFile current;
    private Path currentFile;
    private Map<String, ?> currentPartition;
    private final Deque<SourceRecord> ready = new ArrayDeque<>();
    private long resumeUnit;
    private long resumeRecord = -1;
    private long lastScan;
    private BulkExportClient bulkExport;
    private long nextExport = Long.MAX_VALUE;
    private String exportedUntil;

    @Override
    public void start(Map<String, String> props) {
        config = new FhirSourceConfig(props);
        metrics = new FeedMetrics(context.pluginMetrics());
        records = new FeedRecords(config, SourceFormat.FHIR_R4, metrics, Clock.systemUTC());
        parser = FhirParsing.newParser();
        patients = new PatientDirectory(records, config.identifierType());
        mapper = new FhirResourceMapper(records, patients);
        try {
            if (!Files.isDirectory(config.directory())) {
                throw new ConnectException(FhirSourceConfig.DIRECTORY_CONFIG + " " + config.directory() + " is not a directory");
            }
            if (!config.exportUrl().isBlank()) {
                bulkExport = new BulkExportClient(config.exportUrl(), config.exportToken(), config.exportTimeout());
                nextExport = System.currentTimeMillis();
                exportedUntil = BulkExportClient.lastCompleted(config.directory()).orElse(null);
            }
            scan();
        } catch (RuntimeException e) {
            closeResources(); // Connect calls stop() only after a successful start
            throw e;
        }
    }

    @Override
    public synchronized List<SourceRecord> poll() throws InterruptedException {
        if (stopped.getCount() == 0) {
            return null;
        }
        if (System.currentTimeMillis() >= nextExport && ready.isEmpty() && pending.isEmpty()
                && (current == null || !current.hasNextUnit())) {
            runExport();
        }
        List<SourceRecord> batch = new ArrayList<>();
        try {
            while (batch.size() < config.batchRecords()) {
                if (!ready.isEmpty()) {
                    batch.add(ready.poll());
                } else if (current != null && current.hasNextUnit()) {
                    readUnit();
                } else if (!openNextFile()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (batch.isEmpty()) {
            if (System.currentTimeMillis() - lastScan >= config.scanInterval().toMillis()) {
                scan();
            }
            if (pending.isEmpty()) {
                stopped.await(Math.min(1_000, config.scanInterval().toMillis()), TimeUnit.MILLISECONDS);
            }
            return null;
        }
        return batch;
    }

    private void readUnit() throws IOException {
        List<FhirFile.Item> items = current.nextUnit();
        long unit = current.unit();
        boolean lastUnit = !current.hasNextUnit();
        for (int i = 0; i < items.size(); i++) {
            if (unit < resumeUnit || unit == resumeUnit && i <= resumeRecord) {
                continue; // committed before a restart
            }
            Map<String, Object> offset = Map.of(OFFSET_UNIT, unit, OFFSET_RECORD, (long) i,
                    OFFSET_COMPLETE, lastUnit && i == items.size() - 1);
            FhirFile.Item item = items.get(i);
            if (item.event() != null) {
                ready.add(records.event(currentPartition, offset, item.event()));
            } else {
                String file = config.directory().relativize(currentFile).toString();
                ready.add(records.deadLetter(currentPartition, offset, item.failure().getMessage(), item.failure().stage(),
                        item.failure(), file, current.unit(), item.recordRef(), 0));
            }
        }
        if (items.isEmpty()) {
            metrics.skipped();
        }
    }

    private boolean openNextFile() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        while (!pending.isEmpty()) {
            Path file = pending.poll();
            Map<String, String> partition = partition(file);
            Map<String, Object> offset = SourcePartition.committedOffset(context.offsetStorageReader(), partition,
                    READING_PROGRESS).orElse(null);
            if (offset != null && Boolean.TRUE.equals(offset.get(OFFSET_COMPLETE))) {
                continue;
            }
            resumeUnit = offset == null ? 0 : ((Number) offset.get(OFFSET_UNIT)).longValue();
            resumeRecord = offset == null ? -1 : ((Number) offset.get(OFFSET_RECORD)).longValue();
            currentPartition = partition;
            currentFile = file;
            current = new FhirFile(file, parser, mapper);
            return true;
        }
        return false;
    }

    /** Runs a (first full, then incremental) Bulk Data export into the directory; the next scan reads it. */
    private void runExport() throws InterruptedException {
        try {
            BulkExportClient.Export export = bulkExport.export(config.exportTypes(), exportedUntil, config.directory());
            exportedUntil = export.transactionTime() == null ? exportedUntil : export.transactionTime();
            nextExport = config.exportInterval().isZero() ? Long.MAX_VALUE
                    : System.currentTimeMillis() + config.exportInterval().toMillis();
            LOG.info("FHIR bulk export: {} files from {}", export.files().size(), config.exportUrl());
        } catch (RetriableException e) {
            LOG.warn("{}; retrying in a minute", e.getMessage());
            nextExport = System.currentTimeMillis() + RETRY_EXPORT_MS;
        }
        scan();
    }

    /** Queues files not seen before: Patient NDJSON first (pre-registering their patients), then the rest. */
    private void scan() {
        lastScan = System.currentTimeMillis();
        List<Path> found;
        try (Stream<Path> files = Files.walk(config.directory())) {
            found = files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".ndjson") || f.toString().endsWith(".json"))
                    .filter(f -> !seen.contains(f))
                    .filter(FhirSourceTask::settled)
                    .sorted(Comparator.comparing(FhirSourceTask::readingOrder).thenComparing(Path::toString))
                    .toList();
            for (Path file : found) {
                if (readingOrder(file) == 0) {
                    FhirFile.registerReferenced(file, parser, mapper);
                }
            }
        } catch (IOException e) {
            throw new ConnectException("cannot scan " + config.directory(), e);
        }
        seen.addAll(found);
        pending.addAll(found);
    }

    /** Patient and Medication NDJSON first (others refer to them), then other NDJSON, then JSON documents. */
    private static int readingOrder(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".ndjson")) {
            return name.startsWith("Patient") || name.startsWith("Medication.") || name.startsWith("Medication-") ? 0 : 1;
        }
        return 2;
    }

    /**
     * Whether a file has stopped changing: one still being copied in is left for a later scan, or its cut-off
     * last line would be dead-lettered and the rest never read. Writers that rename into place are read at once.
     */
    private static boolean settled(Path file) {
        try {
            return System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis() >= SETTLE_MS;
        } catch (IOException e) {
            return false; // gone since the listing
        }
    }

    private Map<String, String> partition(Path file) {
        return SourcePartition.of(PARTITION_DIRECTORY, config.directory().toAbsolutePath().toString(),
                PARTITION_FILE, config.directory().relativize(file).toString());
    }

    @Override
    protected void closeReader() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
