package org.adrdstream.study.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.lm.ModelFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridTest {

    @TempDir
    Path dir;

    @Test
    void thePaperGridHasTheStudysSizeAndTheQuickGridTheStudysTargets() throws Exception {
        Grid paper = Grid.load("paper");
        Grid quick = Grid.load("quick");

        assertThat(paper.configurations()).hasSize(504);
        assertThat(quick.targets()).containsExactly(TrainingTarget.LABEL_ONLY, TrainingTarget.RATIONALE_FREEFORM,
                TrainingTarget.RATIONALE_STEPWISE);
        assertThat(Grid.load("default").configurations()).hasSize(48);
        assertThat(Grid.load("default").fewShotConfigurations()).hasSize(12)
                .extracting(FewShotConfiguration::name).contains("BASE_ZERO_SHOT", "BASE_2_SHOT_LABEL", "BASE_2_SHOT_RATIONALE");
        assertThat(paper.fewShotConfigurations()).hasSize(126);
    }

    @Test
    void targetsAreInnermostSoComparedConfigurationsFinishTogether() throws Exception {
        Grid grid = Grid.parse("g", """
                targets = LABEL_ONLY, RATIONALE_STEPWISE
                models = transformer:tiny, recurrent:small
                scales = 100, all
                seeds = 3
                """);

        List<StudyConfiguration> all = grid.configurations();

        assertThat(all).hasSize(8);
        assertThat(all.get(0).target()).isEqualTo(TrainingTarget.LABEL_ONLY);
        assertThat(all.get(1).target()).isEqualTo(TrainingTarget.RATIONALE_STEPWISE);
        assertThat(all.get(1).family()).isEqualTo(ModelFamily.TRANSFORMER);
        assertThat(all.get(1).scale()).isEqualTo(100);
        assertThat(all.get(7).scale()).isEqualTo(Integer.MAX_VALUE);
        assertThat(all.get(7).describe()).containsEntry("scale", "all").containsEntry("size", "small");
    }

    @Test
    void idsDifferPerConfigurationAndPerDataButNotPerCall() throws Exception {
        List<StudyConfiguration> all = Grid.load("paper").configurations();
        Set<String> ids = new HashSet<>();
        all.forEach(c -> ids.add(c.id("data-a")));

        assertThat(ids).hasSize(504);
        assertThat(all.get(0).id("data-a")).isEqualTo(all.get(0).id("data-a")).isNotEqualTo(all.get(0).id("data-b"));
    }

    @Test
    void aReasoningBaseIsItsOwnModelAndLeavesThePlainIdsAlone() throws Exception {
        Grid grid = Grid.parse("g", "targets = LABEL_ONLY\nmodels = transformer:tiny, transformer:tiny:reasoning\n");

        StudyConfiguration plain = grid.configurations().get(0);
        StudyConfiguration reasoning = grid.configurations().get(1);

        assertThat(reasoning.model()).isEqualTo("transformer-tiny+reasoning");
        assertThat(reasoning.describe()).containsEntry("base", "reasoning");
        assertThat(plain.describe()).doesNotContainKey("base");
        assertThat(reasoning.id("d")).isNotEqualTo(plain.id("d"));
        assertThat(reasoning.trainingConfig("x").reasoningBase()).isTrue();
        assertThatThrownBy(() -> Grid.parse("g", "targets = LABEL_ONLY\nmodels = transformer:tiny:clever\n"))
                .hasMessageContaining("family:size[:reasoning]");
    }

    @Test
    void aGridFileIsReadAndItsMistakesAreNamed() throws Exception {
        Path file = dir.resolve("mine.properties");
        Files.writeString(file, "targets = MULTITASK\nscales = 200\n");
        assertThat(Grid.load(file.toString()).name()).isEqualTo("mine");

        assertThatThrownBy(() -> Grid.parse("g", "targets = LABEL_ONLY\nsead = 1\n"))
                .hasMessageContaining("unknown key 'sead'").hasMessageContaining("seeds");
        assertThatThrownBy(() -> Grid.parse("g", "targets = LABEL_ONLY\nmodels = transformer\n"))
                .hasMessageContaining("family:size[:reasoning]");
        assertThatThrownBy(() -> Grid.parse("g", "targets = LABEL_ONLY\nmodels = transformer:huge\n"))
                .hasMessageContaining("unknown model size 'huge'");
        assertThatThrownBy(() -> Grid.parse("g", "targets = LABEL_ONLY, RATIONALE\n"))
                .hasMessageContaining("grid key 'targets': cannot read 'RATIONALE'");
        assertThatThrownBy(() -> Grid.parse("g", "models = transformer:tiny\n")).hasMessageContaining("needs 'targets'");
        assertThatThrownBy(() -> Grid.load("nonsense")).hasMessageContaining("[quick, default, paper]");
        assertThatThrownBy(() -> Grid.parse("g", "targets = LABEL_ONLY\nindex.date = 2015-13-01\n"))
                .hasMessageContaining("grid key 'index.date'");
        assertThat(Grid.parse("g", "targets = LABEL_ONLY\nindex.date = 2015-01-01\n").indexDate())
                .isEqualTo(java.time.LocalDate.of(2015, 1, 1));
        assertThat(Grid.load("quick").indexDate()).as("random eligible times by default").isNull();
        assertThat(Grid.load("quick").teacher()).as("the teacher is off by default").isNull();
        assertThatThrownBy(() -> Grid.parse("g", "targets = LABEL_ONLY\nteacher.url = http://127.0.0.1:8000/v1\n"))
                .hasMessageContaining("needs 'teacher.model'");
        assertThat(Grid.parse("g", "targets = LABEL_ONLY\nteacher.url = http://127.0.0.1:8000/v1\nteacher.model = m\n"
                + "teacher.api.key.env = LLM_KEY\n").teacher())
                .isEqualTo(new Grid.Teacher(java.net.URI.create("http://127.0.0.1:8000/v1"), "m", "LLM_KEY", 60));
    }
}
