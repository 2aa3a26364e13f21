package org.adrdstream.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.hl7.Hl7Writer;
import org.adrdstream.contract.EventKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hl7OutputTest {

    private static final int PATIENTS = 30;
    private static final long SEED = 5;

    @TempDir
    static Path out;
    private static List<String> frames;

    @BeforeAll
    static void generate() throws IOException {
        Cohorts.write(out, PATIENTS, SEED, CohortFormat.HL7);
        frames = mllpFrames(Files.readAllBytes(out.resolve("hl7/" + Hl7Writer.FILE)));
    }

    @Test
    void everyMessageParsesAsHl7v251() throws HL7Exception {
        PipeParser parser = parser();
        Map<String, Integer> types = new HashMap<>();
        for (String frame : frames) {
            Message message = parser.parse(frame);
            Terser terser = new Terser(message);
            assertThat(terser.get("/MSH-12")).isEqualTo("2.5.1");
            types.merge(terser.get("/MSH-9-1") + "^" + terser.get("/MSH-9-2"), 1, Integer::sum);
        }
        assertThat(types).containsKeys("ADT^A04", "ORU^R01", "RDE^O11");
        assertThat(types.get("ADT^A04")).isGreaterThan(PATIENTS); // a registration and the visits
    }

    @Test
    void fieldsLandWhereTheStandardPutsThem() throws HL7Exception {
        PatientRecord first = Cohorts.generator(SEED).patient(0);
        RecordedFact enrolment = first.facts().stream().filter(f -> f.kind() == EventKind.ENROLLMENT).findFirst().orElseThrow();
        RecordedFact encounter = first.facts().stream().filter(f -> f.kind() == EventKind.ENCOUNTER).findFirst().orElseThrow();
        PipeParser parser = parser();

        Terser registration = new Terser(parser.parse(frames.get(0)));
        assertThat(registration.get("/PID-3-1")).isEqualTo(first.identity().mrn());
        assertThat(registration.get("/PID-3-4-2")).isEqualTo("urn:adrd-stream:synthetic-hospital:mrn");
        assertThat(registration.get("/PID-5-1")).isEqualTo(first.identity().familyName());
        assertThat(registration.get("/PID-7")).isEqualTo(first.truth().birthDate().toString().replace("-", ""));
        assertThat(registration.get("/.IN1-12")).isEqualTo(enrolment.time().toString().substring(0, 10).replace("-", ""));
        assertThat(registration.get("/.IN1-13")).isEqualTo(enrolment.endTime().toString().substring(0, 10).replace("-", ""));

        Terser visit = new Terser(parser.parse(frameWithControlId(encounter.recordId())));
        assertThat(visit.get("/.PV1-19")).isEqualTo(encounter.recordId());
        assertThat(visit.get("/.PV1-2")).isEqualTo(encounter.encounterClass().hl7PatientClass());
    }

    @Test
    void retractionsAndDeathsUseTheirFields() throws HL7Exception {
        PipeParser parser = parser();
        int deletions = 0;
        int wrongResults = 0;
        int deaths = 0;
        for (String frame : frames) {
            Terser terser = new Terser(parser.parse(frame));
            String controlId = terser.get("/MSH-10");
            if (controlId.endsWith("-D")) {
                deletions++;
                assertThat(terser.get("/.DG1-21")).isEqualTo("D");
                assertThat(terser.get("/.DG1-20")).isEqualTo(controlId.substring(0, controlId.length() - 2));
            } else if (controlId.endsWith("-W")) {
                wrongResults++;
                assertThat(terser.get("/.OBX-11")).isEqualTo("W");
            } else if ("Y".equals(terser.get("/.PID-30"))) {
                deaths++;
                assertThat(terser.get("/.PID-29")).hasSize(8);
            }
            if ("ORU".equals(terser.get("/MSH-9-1")) && !controlId.endsWith("-W")) {
                assertThat(terser.get("/.OBX-11")).isEqualTo("F");
                assertThat(terser.get("/.OBX-3-3")).isEqualTo("LN");
                assertThat(terser.get("/.OBR-22")).isNotBlank();
            }
        }
        assertThat(deletions + wrongResults).as("retractions in %d patients", PATIENTS).isPositive();
        assertThat(deaths).isPositive();
    }

    @Test
    void reSentRecordsAreSentTwiceWithTheSameControlId() {
        Map<String, Integer> byControlId = new HashMap<>();
        for (String frame : frames) {
            String controlId = frame.split("\r", 2)[0].split("\\|")[9];
            byControlId.merge(controlId, 1, Integer::sum);
        }
        assertThat(byControlId.values()).contains(2).allMatch(count -> count <= 2);
    }

    private static String frameWithControlId(String controlId) {
        return frames.stream().filter(f -> f.split("\r", 2)[0].contains("|" + controlId + "|")).findFirst().orElseThrow();
    }

    private static PipeParser parser() {
        DefaultHapiContext context = new DefaultHapiContext();
        context.setValidationContext(ValidationContextFactory.defaultValidation());
        return context.getPipeParser();
    }

    /** Splits an MLLP stream into messages, checking the framing bytes. */
    static List<String> mllpFrames(byte[] stream) {
        List<String> frames = new ArrayList<>();
        int i = 0;
        while (i < stream.length) {
            assertThat(stream[i]).as("start block at %d", i).isEqualTo((byte) 0x0B);
            int end = i + 1;
            while (stream[end] != 0x1C) {
                end++;
            }
            assertThat(stream[end + 1]).isEqualTo((byte) 0x0D);
            frames.add(new String(stream, i + 1, end - i - 1, StandardCharsets.UTF_8));
            i = end + 2;
        }
        return frames;
    }
}
