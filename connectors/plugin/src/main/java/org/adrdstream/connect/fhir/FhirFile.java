package org.adrdstream.connect.fhir;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.parser.IParser;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.FailureStage;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads one file unit by unit: an NDJSON line is a unit, a whole JSON document (Bundle or resource) is one.
 * Each unit becomes its items, in order: the events of its resources, or a failure for what could not be read.
 */
final class FhirFile implements Closeable {

    /** An event, or the reason a resource or line could not become one. */
    record Item(ClinicalEvent event, UnusableRecordException failure, String recordRef) {
    }

    private final Path file;
    private final boolean ndjson;
    private final IParser parser;
    private final FhirResourceMapper mapper;
    private final BufferedReader reader; // NDJSON only; a document is read whole
    private long unit;
    private long linesRead;
    private String nextLine;
    private long nextLineNumber;
    private boolean documentRead;

    FhirFile(Path file, IParser parser, FhirResourceMapper mapper) throws IOException {
        this.file = file;
        this.ndjson = file.getFileName().toString().endsWith(".ndjson");
        this.parser = parser;
        this.mapper = mapper;
        // Malformed UTF-8 becomes U+FFFD (and then, at worst, a dead letter) instead of failing the task.
        this.reader = ndjson
                ? new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) : null;
        this.nextLine = ndjson ? nextNonBlank() : null;
    }

    boolean hasNextUnit() {
        return ndjson ? nextLine != null : !documentRead;
    }

    /** 1-based number of the unit last read (the NDJSON line; 1 for a document). */
    long unit() {
        return unit;
    }

    List<Item> nextUnit() throws IOException {
        if (ndjson) {
            String line = nextLine;
            unit = nextLineNumber; // the physical line: blank lines count, so dead letters point at the right one
            nextLine = nextNonBlank();
            return itemsOf(line);
        }
        documentRead = true;
        unit = 1;
        return itemsOf(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    private String nextNonBlank() throws IOException {
        String line;
        do {
            line = reader.readLine();
            linesRead++;
        } while (line != null && line.isBlank());
        nextLineNumber = linesRead;
        return line;
    }

    private List<Item> itemsOf(String text) {
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(text);
        } catch (RuntimeException e) {
            // DataFormatException for bad FHIR, ClassCastException for a non-resource, and whatever else HAPI's
            // parser throws on text it never expected (an empty JSON key: StringIndexOutOfBoundsException).
            // The parser's message can quote the source text: the reason says what, the file and line say where.
            return List.of(new Item(null, new UnusableRecordException(FailureStage.CONNECTOR_PARSE,
                    "not a FHIR R4 resource (" + e.getClass().getSimpleName() + ")", e), null));
        }
        if (resource instanceof Bundle bundle) {
            return bundleItems(bundle);
        }
        registerQuietly(mapper, resource, null);
        return mapped(resource, null);
    }

    private List<Item> bundleItems(Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() != null) {
                registerQuietly(mapper, entry.getResource(), entry.getFullUrl());
            }
        }
        List<Item> items = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() != null) {
                items.addAll(mapped(entry.getResource(), entry.getFullUrl()));
            }
        }
        return items;
    }

    private List<Item> mapped(Resource resource, String fullUrl) {
        String ref = null;
        try {
            String known = ref = FhirResourceMapper.ref(resource, fullUrl);
            return mapper.map(resource, fullUrl).stream().map(e -> new Item(e, null, known)).toList();
        } catch (UnusableRecordException e) {
            return List.of(new Item(null, e, ref));
        } catch (RuntimeException e) {
            return List.of(new Item(null, new UnusableRecordException(FailureStage.CONNECTOR_MAPPING,
                    "cannot map " + (ref == null ? resource.fhirType() : ref) + ": " + e.getClass().getSimpleName(), e),
                    ref));
        }
    }

    /**
     * Makes a resource known to the ones that refer to it. One that cannot be registered (a Patient without an
     * id) is reported when it is mapped, with its line: here it is only left out.
     */
    private static void registerQuietly(FhirResourceMapper mapper, Resource resource, String fullUrl) {
        try {
            mapper.register(resource, fullUrl);
        } catch (RuntimeException e) {
            // dead-lettered by mapped(), or when the pre-scanned file itself is read
        }
    }

    /**
     * Registers what an NDJSON file of Patients or Medications names, without producing anything: the pre-scan
     * that lets any file refer to them, also after a restart skipped the completed file itself.
     */
    static void registerReferenced(Path file, IParser parser, FhirResourceMapper mapper) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                try {
                    if (!line.isBlank()) {
                        registerQuietly(mapper, (Resource) parser.parseResource(line), null);
                    }
                } catch (RuntimeException e) {
                    // dead-lettered with its line when the file itself is read
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
