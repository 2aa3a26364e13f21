package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Misuse of {@code adrd connect} is explained before any worker starts. */
class ConnectCommandTest {

    private final StringWriter err = new StringWriter();

    @Test
    void aConnectorFileWithoutNameOrClassIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "tasks.max=1\n");

        assertThat(run("connect", "--bootstrap-servers", "127.0.0.1:1", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad.properties needs 'name' and 'connector.class'");
    }

    @Test
    void aMissingConnectorFileIsNamed(@TempDir Path dir) {
        assertThat(run("connect", "--bootstrap-servers", "127.0.0.1:1", dir.resolve("nope.properties").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.properties does not exist");
    }

    @Test
    void atLeastOneConnectorFileIsRequired() {
        assertThat(run("connect", "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("CONNECTOR.properties");
    }

    @Test
    void aDistributedWorkerIsToldItKeepsNoOffsetsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fhir.properties");
        Files.writeString(file, "name=fhir\nconnector.class=org.adrdstream.connect.fhir.FhirSourceConnector\n");

        assertThat(run("connect", "--bootstrap-servers", "127.0.0.1:1", "--distributed", "feeds", "--offsets-file",
                dir.resolve("offsets").toString(), file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--offsets-file is for the standalone worker")
                .contains("connect-feeds-offsets");
    }

    private int run(String... args) {
        CommandLine line = AdrdCommand.commandLine(Map.of());
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new StringWriter(), true));
        return line.execute(args);
    }
}
