package org.adrdstream.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.adrdstream.contract.TrainingTarget;
import org.adrdstream.rationale.Rationale;
import org.adrdstream.rationale.RationaleGenerator;
import org.adrdstream.rationale.RationaleStyle;
import org.adrdstream.sft.SftSequence.Role;
import org.junit.jupiter.api.Test;

class TargetFormatTest {

    private static final List<String> PROMPT = List.of("age", "70", "dx:I10", "question", "adrd", "5y", "answer");
    private static final Rationale REASONS = new Rationale(RationaleGenerator.VERSION, RationaleStyle.FREEFORM,
            List.of("risk", "factors", "hypertension", "dx:I10", "y-3", "answer", "yes"));

    @Test
    void labelOnlyTrainsTheAnswerTokenAlone() {
        SftSequence sequence = single(TrainingTarget.LABEL_ONLY, null);

        assertThat(sequence.tokens()).containsExactly("age", "70", "dx:I10", "question", "adrd", "5y", "answer", "yes");
        assertThat(sequence.roles().subList(0, 7)).containsOnly(Role.CONTEXT);
        assertThat(sequence.roles().get(7)).isEqualTo(Role.ANSWER);
        assertThat(sequence.weight()).isEqualTo(4.0);
    }

    @Test
    void rationaleTargetsExplainInsteadOfAnsweringAndTrainEveryRationaleToken() {
        SftSequence sequence = single(TrainingTarget.RATIONALE_FREEFORM, REASONS);

        assertThat(sequence.tokens()).containsExactly("age", "70", "dx:I10", "question", "adrd", "5y", "explain",
                "risk", "factors", "hypertension", "dx:I10", "y-3", "answer", "yes");
        assertThat(sequence.roles().subList(7, 13)).containsOnly(Role.RATIONALE);
        assertThat(sequence.roles().get(13)).isEqualTo(Role.ANSWER);
        assertThat(TargetFormat.scoringInput(TrainingTarget.RATIONALE_FREEFORM, PROMPT)).endsWith("5y", "explain");
        assertThat(TargetFormat.decodesRationale(TrainingTarget.RATIONALE_STEPWISE)).isTrue();
        assertThat(TargetFormat.style(TrainingTarget.RATIONALE_STEPWISE)).isEqualTo(RationaleStyle.STEPWISE);
    }

    @Test
    void labelThenRationaleAnswersFirstAndDropsTheRationalesConclusion() {
        SftSequence sequence = single(TrainingTarget.LABEL_THEN_RATIONALE, REASONS);

        assertThat(sequence.tokens().subList(6, sequence.tokens().size()))
                .containsExactly("answer", "yes", "risk", "factors", "hypertension", "dx:I10", "y-3");
        assertThat(sequence.roles().get(7)).isEqualTo(Role.ANSWER);
        assertThat(sequence.roles().subList(8, 13)).containsOnly(Role.RATIONALE);
        assertThat(TargetFormat.decodesRationale(TrainingTarget.LABEL_THEN_RATIONALE)).isFalse();
        assertThat(TargetFormat.scoringInput(TrainingTarget.LABEL_THEN_RATIONALE, PROMPT)).isEqualTo(PROMPT);
    }

    @Test
    void multitaskMakesALabelTaskAndAnExplainTaskWithPrefixes() {
        List<SftSequence> sequences = TargetFormat.sequences(TrainingTarget.MULTITASK, PROMPT, REASONS, true, 4.0);

        assertThat(sequences).hasSize(2);
        assertThat(sequences.get(0).tokens()).startsWith("task:label").endsWith("answer", "yes");
        assertThat(sequences.get(1).tokens()).startsWith("task:explain").endsWith("explain", "risk", "factors",
                "hypertension", "dx:I10", "y-3");
        assertThat(sequences.get(1).roles()).doesNotContain(Role.ANSWER);
        assertThat(TargetFormat.scoringInput(TrainingTarget.MULTITASK, PROMPT)).startsWith("task:label").endsWith("answer");
        assertThat(TargetFormat.separateLosses(TrainingTarget.MULTITASK)).isTrue();
        assertThat(TargetFormat.separateLosses(TrainingTarget.RATIONALE_STEPWISE)).isFalse();
    }

    @Test
    void aRationaleThatDoesNotEndWithTheLabelIsRefused() {
        assertThatThrownBy(() -> TargetFormat.sequences(TrainingTarget.RATIONALE_FREEFORM, PROMPT, REASONS, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not end with the answer no");
    }

    private static SftSequence single(TrainingTarget target, Rationale rationale) {
        List<SftSequence> sequences = TargetFormat.sequences(target, PROMPT, rationale, true, 4.0);
        assertThat(sequences).hasSize(1);
        return sequences.get(0);
    }
}
