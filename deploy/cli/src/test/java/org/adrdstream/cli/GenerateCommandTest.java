package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.adrdstream.pseudonym.Pseudonymiser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @Test
    void writesTheChosenFormatsAndTheTruthFileWithTheConfiguredKey(@TempDir Path dir) throws IOException {
        int code = run(Map.of("ADRD_PSEUDONYM_KEY", "site-secret-0123456789"),
                "generate", "--patients", "20", "--seed", "3", "--format", "omop,EVENTS", "--out", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(dir.resolve("omop/person.csv")).exists();
        assertThat(dir.resolve("events/clinical-events.avro")).exists();
        assertThat(dir.resolve("fhir")).doesNotExist();
        List<String> truth = Files.readAllLines(dir.resolve("truth.csv"));
        assertThat(truth).hasSize(21);
        String expectedPseudonym = Pseudonymiser.withKey("site-secret-0123456789").pseudonym("urn:adrd-stream:synthetic-hospital:mrn", "MRN00000001");
        assertThat(truth.get(1).split(",")[1]).isEqualTo(expectedPseudonym);
        assertThat(out.toString()).contains("20 patients written to");
        assertThat(err.toString()).doesNotContain("demo key");
    }

    @Test
    void unknownFormatNamesTheChoices() {
        assertThat(run(Map.of(), "generate", "--format", "csv", "--out", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown --format 'csv': choose fhir, hl7, omop or events");
    }

    @Test
    void writingNeedsAnOutputDirectory() {
        assertThat(run(Map.of(), "generate", "--format", "fhir")).isEqualTo(2);
        assertThat(err.toString()).contains("--out DIR is required");
    }

    @Test
    void aShortPseudonymKeyIsRefused() {
        assertThat(run(Map.of(), "generate", "--pseudonym-key", "short", "--out", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("--pseudonym-key: the pseudonymisation key must be at least 16 bytes");
    }

    @Test
    void reportWritesTheCalibrationMarkdown(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("calibration.md");

        assertThat(run(Map.of(), "generate", "--report", "--patients", "300", "--report-file", report.toString())).isZero();

        assertThat(Files.readString(report)).startsWith("# Cohort calibration").contains("Oracle AUROC");
        assertThat(out.toString()).contains("Calibration report written to");
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = AdrdCommand.commandLine(environment);
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }
}
