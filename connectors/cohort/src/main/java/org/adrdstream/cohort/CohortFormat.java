package org.adrdstream.cohort;

import java.io.IOException;
import java.nio.file.Path;

import org.adrdstream.cohort.events.EventFileWriter;
import org.adrdstream.cohort.fhir.FhirWriter;
import org.adrdstream.cohort.hl7.Hl7Writer;
import org.adrdstream.cohort.omop.OmopWriter;

/** The output formats of {@code adrd generate}; each writes under its own folder of the output directory. */
public enum CohortFormat {
    FHIR("fhir"), HL7("hl7"), OMOP("omop"), EVENTS("events");

    private final String folder;

    CohortFormat(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }

    public CohortWriter open(Path out, CohortSettings settings) throws IOException {
        Path directory = out.resolve(folder);
        return switch (this) {
            case FHIR -> new FhirWriter(directory, settings.feed());
            case HL7 -> new Hl7Writer(directory, settings.feed());
            case OMOP -> new OmopWriter(directory);
            case EVENTS -> new EventFileWriter(directory, settings);
        };
    }
}
