package org.adrdstream.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.task.Histories;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.junit.jupiter.api.Test;

class PromptRendererTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());
    private static final Instant T0 = Instant.parse("2020-06-01T00:00:00Z");

    @Test
    void rendersAgeSexYearsItemsAndTheQuestion() {
        PatientHistory history = Histories.patient().born(LocalDate.of(1948, 1, 15))
                .event(T0.minusSeconds(3 * 366 * 86400L), EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "I10", "Essential (primary) hypertension"))
                .event(T0.minusSeconds(86400), EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "I10", "Essential (primary) hypertension"))
                .event(T0, EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "R41.3", "Other amnesia")).build();

        Prompt prompt = new PromptRenderer(TASK, 64).render(history, T0);

        assertThat(prompt.text()).isEqualTo("age 72 sex female y-3 dx:I10 essential primary hypertension "
                + "y-0 dx:I10 dx:R41.3 other amnesia question adrd 5y answer");
        assertThat(prompt.version()).isEqualTo(PromptRenderer.VERSION);
        assertThat(prompt.items()).extracting(i -> i.code().getValue()).containsExactly("I10", "I10", "R41.3");
    }

    @Test
    void nothingAfterTheIndexTimeIsRendered() {
        PatientHistory history = Histories.patient()
                .event(T0.minusSeconds(10), CodeSystem.ICD10CM, "I10")
                .event(T0.plusSeconds(1), CodeSystem.ICD10CM, "G30.1")
                .summary(T0.minusSeconds(9_000_000), T0.plusSeconds(5), CodeSystem.ICD10CM, "E11.9").build();

        String text = new PromptRenderer(TASK, 64).render(history, T0).text();

        assertThat(text).contains("dx:I10").doesNotContain("G30.1").doesNotContain("E11.9");
    }

    @Test
    void repeatsInAYearCollapseWithTheirCountAndLatestValue() {
        Histories patient = Histories.patient();
        for (int i = 0; i < 12; i++) {
            patient.event(T0.minusSeconds(1000L * (i + 1)), EventKind.LAB, new Code(CodeSystem.LOINC, "2345-7", null));
        }
        PatientHistory history = withValue(patient.build(), 104.26);

        List<String> tokens = new PromptRenderer(TASK, 64).render(history, T0).tokens();

        assertThat(String.join(" ", tokens)).contains("y-0 lab:2345-7 100 x9+");
    }

    @Test
    void overTheBudgetFirstDiagnosesSurviveThenTheNewestItems() {
        Histories patient = Histories.patient().event(T0.minusSeconds(20L * 365 * 86400), CodeSystem.ICD10CM, "I10");
        for (int year = 19; year >= 0; year--) {
            patient.event(T0.minusSeconds(year * 366L * 86400 + 100), CodeSystem.LOINC, "L" + year);
        }

        Prompt prompt = new PromptRenderer(TASK, 20).render(patient.build(), T0);

        assertThat(prompt.tokens()).hasSizeLessThanOrEqualTo(20).contains("dx:I10", "lab:L0", "lab:L1")
                .doesNotContain("lab:L19");
        assertThat(prompt.tokens().subList(0, 4)).containsExactly("age", "80", "sex", "female");
        assertThat(prompt.tokens().subList(prompt.tokens().size() - 4, prompt.tokens().size()))
                .containsExactly("question", "adrd", "5y", "answer");
    }

    @Test
    void occludingAnItemRemovesExactlyItsTokens() {
        PatientHistory history = Histories.patient()
                .event(T0.minusSeconds(100), EventKind.DIAGNOSIS, new Code(CodeSystem.ICD10CM, "I10", "Hypertension"))
                .event(T0, CodeSystem.RXNORM, "197361").build();
        Prompt prompt = new PromptRenderer(TASK, 64).render(history, T0);

        Prompt without = prompt.withoutItem(0);

        assertThat(without.text()).isEqualTo(prompt.text().replace(" dx:I10 hypertension", ""));
        assertThat(without.items()).singleElement().satisfies(item -> {
            assertThat(without.tokens().get(item.start())).isEqualTo("rx:197361");
            assertThat(item.end() - item.start()).isEqualTo(1);
        });
    }

    private static PatientHistory withValue(PatientHistory history, double value) {
        history.getEvents().forEach(e -> e.setValue(value));
        return history;
    }
}
