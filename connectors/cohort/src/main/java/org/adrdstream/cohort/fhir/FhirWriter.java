package org.adrdstream.cohort.fhir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;

/**
 * Writes FHIR R4 in the two shapes hospitals export: one transaction Bundle per patient
 * ({@code bundles/P0000001.json}, PUT entries so a server can load it repeatedly) and Bulk Data NDJSON, one
 * file per resource type ({@code ndjson/Condition.ndjson}, ...). Records a source sends twice appear twice in
 * the NDJSON (an overlapping re-export); a bundle holds each resource once.
 */
public final class FhirWriter implements CohortWriter {

    /** Resource types in the order of the NDJSON files. */
    public static final List<String> RESOURCE_TYPES = List.of(
            "Patient", "Coverage", "Encounter", "Condition", "MedicationRequest", "Observation", "Procedure");

    private final JsonFactory factory = new JsonFactory();
    private final FhirResources resources;
    private final String feed;
    private final Path bundles;
    private final Map<String, JsonGenerator> ndjson = new LinkedHashMap<>();

    public FhirWriter(Path directory, String feed) throws IOException {
        this.feed = feed;
        this.resources = new FhirResources(feed);
        this.bundles = Files.createDirectories(directory.resolve("bundles"));
        Path ndjsonDirectory = Files.createDirectories(directory.resolve("ndjson"));
        for (String type : RESOURCE_TYPES) {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(ndjsonDirectory.resolve(type + ".ndjson")), 1 << 16);
            JsonGenerator generator = factory.createGenerator(out, JsonEncoding.UTF8);
            generator.setRootValueSeparator(new SerializedString(""));
            ndjson.put(type, generator);
        }
    }

    @Override
    public void write(PatientRecord patient) throws IOException {
        writeNdjson(patient);
        writeBundle(patient);
    }

    private void writeNdjson(PatientRecord patient) throws IOException {
        JsonGenerator patients = ndjson.get("Patient");
        resources.patient(patients, patient);
        patients.writeRaw('\n');
        for (RecordedFact fact : patient.facts()) {
            if (FhirResourceType.isFoldedIntoPatient(fact.kind())) {
                continue;
            }
            String type = FhirResourceType.of(fact.kind());
            JsonGenerator out = ndjson.get(type);
            for (int copy = 0; copy < (fact.resent() ? 2 : 1); copy++) {
                resources.resource(out, patient, fact);
                out.writeRaw('\n');
            }
        }
    }

    private void writeBundle(PatientRecord patient) throws IOException {
        String patientId = FhirResourceType.patientId(patient);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bundles.resolve(patientId + ".json")), 1 << 16);
             JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("type", "transaction");
            json.writeArrayFieldStart("entry");
            entryStart(json, "Patient", patientId);
            resources.patient(json, patient);
            entryEnd(json, "Patient", patientId);
            for (RecordedFact fact : patient.facts()) {
                String type = FhirResourceType.of(fact.kind());
                if (!FhirResourceType.isFoldedIntoPatient(fact.kind())) {
                    entryStart(json, type, fact.recordId());
                    resources.resource(json, patient, fact);
                    entryEnd(json, type, fact.recordId());
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private void entryStart(JsonGenerator json, String type, String id) throws IOException {
        json.writeStartObject();
        String name = feed + "/" + type + "/" + id;
        json.writeStringField("fullUrl", "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
        json.writeFieldName("resource");
    }

    private static void entryEnd(JsonGenerator json, String type, String id) throws IOException {
        json.writeObjectFieldStart("request");
        json.writeStringField("method", "PUT");
        json.writeStringField("url", type + "/" + id);
        json.writeEndObject();
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        CohortWriter.closeAll(ndjson.values());
    }
}
