package org.adrdstream.cohort.events;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;

import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.contract.ClinicalEvent;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Writes ClinicalEvents to an Avro container file ({@code events/clinical-events.avro}), patient after
 * patient, each patient's events in the order the feed sends them: ready to replay into clinical.events.v1.
 */
public final class EventFileWriter implements CohortWriter {

    public static final String FILE = "clinical-events.avro";

    private final ClinicalEventMapper mapper;
    private final DataFileWriter<ClinicalEvent> file;

    public EventFileWriter(Path directory, CohortSettings settings) throws IOException {
        Files.createDirectories(directory);
        this.mapper = new ClinicalEventMapper(settings.feed());
        this.file = new DataFileWriter<>(new SpecificDatumWriter<>(ClinicalEvent.class));
        file.setCodec(CodecFactory.deflateCodec(1));
        // A sync marker derived from the seed (Avro picks a random one) keeps the file byte-for-byte reproducible.
        file.create(ClinicalEvent.getClassSchema(), new BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE))),
                syncMarker(settings));
    }

    private static byte[] syncMarker(CohortSettings settings) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("adrd-cohort-sync|" + settings.seed() + "|" + settings.feed()).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    @Override
    public void write(PatientRecord patient) throws IOException {
        for (ClinicalEvent event : mapper.events(patient)) {
            file.append(event);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
