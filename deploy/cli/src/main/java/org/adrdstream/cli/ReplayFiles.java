package org.adrdstream.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.adrdstream.connect.hl7.MllpClient;

/**
 * What a replay will read, in the units the connectors' offsets count: NDJSON lines and JSON documents for
 * FHIR, data rows for OMOP. Keys are the files' paths relative to the replayed directory (the offsets' file key).
 */
final class ReplayFiles {

    private final Map<String, Long> unitsByFile;
    private final boolean omop;

    private ReplayFiles(Map<String, Long> unitsByFile, boolean omop) {
        this.unitsByFile = unitsByFile;
        this.omop = omop;
    }

    static ReplayFiles fhir(Path directory) throws IOException {
        Map<String, Long> units = new LinkedHashMap<>();
        for (Path file : ReplayCommand.filesUnder(directory, ".ndjson", ".json")) {
            long count = file.toString().endsWith(".ndjson") ? lines(file) : 1;
            units.put(directory.relativize(file).toString(), count);
        }
        return new ReplayFiles(units, false);
    }

    static ReplayFiles omop(Path directory) throws IOException {
        Map<String, Long> units = new LinkedHashMap<>();
        for (Path file : ReplayCommand.filesUnder(directory, ".csv")) {
            if (file.getParent().equals(directory)) {
                units.put(file.getFileName().toString().replace(".csv", ""), Math.max(0, lines(file) - 1));
            }
        }
        return new ReplayFiles(units, true);
    }

    static List<String> mllpMessages(Path directory) throws IOException {
        List<String> messages = new ArrayList<>();
        for (Path file : ReplayCommand.filesUnder(directory, ".mllp", ".hl7")) {
            messages.addAll(MllpClient.frames(Files.readAllBytes(file)));
        }
        return messages;
    }

    private static long lines(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    Map<String, Long> unitsByFile() {
        return unitsByFile;
    }

    /** OMOP offsets are physical lines (header = 1); FHIR offsets are units. */
    long unitsOf(long committedOffset) {
        return omop ? Math.max(0, committedOffset - 1) : committedOffset;
    }

    long totalUnits() {
        return unitsByFile.values().stream().mapToLong(Long::longValue).sum();
    }

    int count() {
        return unitsByFile.size();
    }
}
