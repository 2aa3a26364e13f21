package org.adrdstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import javax.imageio.ImageIO;

import org.adrdstream.study.run.ConfigurationResult;
import org.adrdstream.study.run.Estimate;
import org.adrdstream.study.run.ResultsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code adrd experiment --grid quick}: the CI run of the study. Every artifact is produced and sane, and a
 * second invocation finds everything done and redoes nothing.
 */
class ExperimentCommandTest {

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void theQuickGridProducesEveryArtifactAndResumesWithoutRedoingAnything() throws Exception {
        assertThat(run("experiment", "--grid", "quick", "--out", dir.toString(), "--threads", "2")).as(err.toString()).isZero();

        Collection<ConfigurationResult> results = new ResultsLog(dir).read().values();
        assertThat(results).extracting(ConfigurationResult::target).containsExactly("LOGISTIC_REGRESSION", "ORACLE",
                "LABEL_ONLY", "RATIONALE_FREEFORM", "RATIONALE_STEPWISE", "BASE_2_SHOT_LABEL");
        for (ConfigurationResult result : results) {
            for (String metric : new String[] {"auroc", "auprc", "brier", "f1"}) {
                Estimate estimate = result.test().get(metric);
                assertThat(estimate.value()).as(result.target() + " " + metric).isBetween(0.0, 1.0);
                assertThat(estimate.low()).isLessThanOrEqualTo(estimate.value());
                assertThat(estimate.high()).isGreaterThanOrEqualTo(estimate.value());
            }
            assertThat(dir.resolve(result.predictions())).exists();
        }
        Map<String, ConfigurationResult> byTarget = new java.util.HashMap<>();
        results.forEach(r -> byTarget.put(r.target(), r));
        assertThat(byTarget.get("LOGISTIC_REGRESSION").test().get("auroc").low()).as("the baseline is clearly above chance")
                .isGreaterThan(0.6);
        assertThat(byTarget.get("ORACLE").test().get("auroc").low()).as("the ceiling is clearly above chance").isGreaterThan(0.7);
        assertThat(byTarget.get("RATIONALE_STEPWISE").training()).containsKey("answer_loss_share_epoch_2")
                .containsEntry("rationales_faithful_rate", 1.0);
        assertThat(byTarget.get("RATIONALE_FREEFORM").test()).containsKey("generated_rationales_faithful");
        assertThat(Path.of(byTarget.get("LABEL_ONLY").model()).resolve("manifest.json")).exists();

        String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(Files.readString(dir.resolve(byTarget.get("BASE_2_SHOT_LABEL").predictions()).resolveSibling("log.txt")))
                .as("two demonstrations, each ending in its answer").containsPattern("demonstrations: .* answer (yes|no) .* answer (yes|no)");
        assertThat(summary).contains("## Targets").contains("| RATIONALE_FREEFORM | 1 |").contains("(1 pairs)")
                .contains("## By data scale").contains("## Token dilution").contains("## Every configuration");
        for (String plot : new String[] {"roc.png", "auroc-by-scale.png", "calibration.png"}) {
            BufferedImage image = ImageIO.read(dir.resolve(plot).toFile());
            assertThat(image.getWidth()).as(plot).isEqualTo(1100);
        }

        assertThat(run("experiment", "--grid", "quick", "--out", dir.toString())).isZero();
        assertThat(err.toString()).contains("6 runs in the grid and baselines, 6 already done, 0 to run now");
        assertThat(new ResultsLog(dir).read()).hasSize(6);
        assertThat(Files.readAllLines(new ResultsLog(dir).file())).hasSize(6);
    }

    @Test
    void promotingTheBestOfAnEmptyExperimentSaysToRunItFirst() {
        assertThat(run("models", "promote", "--best", dir.toString(), "--model-registry", dir.resolve("registry").toString(),
                "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1")).isEqualTo(2);

        assertThat(err.toString()).contains("--best: no finished model configuration").contains("adrd experiment --out");
    }

    @Test
    void promoteNeedsAVersionOrBest() {
        assertThat(run("models", "promote", "adrd-default", "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url",
                "http://127.0.0.1:1")).isEqualTo(2);

        assertThat(err.toString()).contains("name the model: NAME VERSION, or --best EXPERIMENT_DIR");
    }

    @Test
    void anUnknownGridIsNamedWithTheChoices() {
        assertThat(run("experiment", "--grid", "huge", "--out", dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("--grid: no grid 'huge'").contains("[quick, default, paper]");
    }

    @Test
    void topicInputWithoutACluster() {
        assertThat(run("experiment", "--from-topic", "--out", dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("--from-topic needs --bootstrap-servers and --schema-registry-url");
    }

    private int run(String... args) {
        CommandLine commandLine = AdrdCommand.commandLine(Map.of());
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }
}
