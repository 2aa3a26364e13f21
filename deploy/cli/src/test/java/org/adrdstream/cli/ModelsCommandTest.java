package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.adrdstream.modelregistry.BundledModel;
import org.adrdstream.modelregistry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code adrd models}: listing, and misuse that names the fix. Promotion on a broker is in the e2e tests. */
class ModelsCommandTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void listShowsTheBundledModelOnceInstalled() {
        BundledModel.installInto(new ModelRegistry(dir));

        assertThat(run("models", "list", "--model-registry", dir.toString())).isZero();

        assertThat(out.toString()).contains("NAME").contains("adrd-default").contains("transformer")
                .contains("LABEL_ONLY").containsPattern("0\\.\\d{3}");
    }

    @Test
    void listOfAnEmptyRegistrySaysHowToFillIt() {
        assertThat(run("models", "list", "--model-registry", dir.resolve("none").toString())).isZero();

        assertThat(out.toString()).contains("no model packages").contains("adrd models train");
    }

    @Test
    void promotingAMissingVersionIsRefusedBeforeAnythingIsPublished() {
        int code = run("models", "promote", "adrd-default", "9", "--model-registry", dir.toString(),
                "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("cannot promote adrd-default 9").contains("no manifest.json")
                .contains("adrd models list");
    }

    @Test
    void unknownFamilyIsNamed() {
        assertThat(run("models", "train", "--family", "lstm", "--out", dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("--family must be transformer or recurrent, was 'lstm'");
    }

    @Test
    void unknownTargetIsNamedWithTheChoices() {
        assertThat(run("models", "train", "--target", "rationale", "--out", dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("--target must be one of [LABEL_ONLY, RATIONALE_FREEFORM")
                .contains("MULTITASK]").contains("was 'rationale'");
    }

    @Test
    void missingSubcommandListsThem() {
        assertThat(run("models")).isEqualTo(2);

        assertThat(err.toString()).contains("list, promote, train");
    }

    private int run(String... args) {
        CommandLine commandLine = AdrdCommand.commandLine(Map.of());
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }
}
