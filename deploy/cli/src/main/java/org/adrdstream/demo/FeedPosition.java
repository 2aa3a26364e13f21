package org.adrdstream.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far the feed got: the index of the next patient to feed, written after a batch was handed over
 * completely (FHIR files in the inbox, every HL7 message acknowledged), by write-and-rename so a crash
 * leaves the old or the new position, never a torn one. A batch cut short is fed again on restart; its
 * event ids are stable, so the history assembly drops the repeats.
 */
final class FeedPosition {

    private final Path file;

    FeedPosition(Path file) {
        this.file = file;
    }

    int read() {
        try {
            return Files.exists(file) ? Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the feed position in " + file
                    + "; delete it to feed the cohort again from the start (repeats are dropped)", e);
        }
    }

    void write(int nextPatient) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, Integer.toString(nextPatient), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the feed position in " + file, e);
        }
    }
}
