package org.adrdstream.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PatientSplitTest {

    @Test
    void assignmentIsFixedBySeedAndPseudonym() {
        PatientSplit split = PatientSplit.standard("study-1");

        assertThat(IntStream.range(0, 200).mapToObj(i -> split.partOf("p-" + i)).toList())
                .isEqualTo(IntStream.range(0, 200).mapToObj(i -> PatientSplit.standard("study-1").partOf("p-" + i)).toList());
        assertThat(IntStream.range(0, 200).filter(i -> split.partOf("p-" + i)
                != PatientSplit.standard("study-2").partOf("p-" + i)).count()).isPositive();
    }

    @Test
    void partsHaveTheirFractions() {
        PatientSplit split = PatientSplit.standard("study-1");
        Map<PatientSplit.Part, Integer> counts = new EnumMap<>(PatientSplit.Part.class);
        IntStream.range(0, 20_000).forEach(i -> counts.merge(split.partOf("p-" + i), 1, Integer::sum));

        assertThat(counts.get(PatientSplit.Part.TRAIN)).isBetween(13_600, 14_400);
        assertThat(counts.get(PatientSplit.Part.VALIDATION)).isBetween(1_800, 2_200);
        assertThat(counts.get(PatientSplit.Part.TEST)).isBetween(3_700, 4_300);
    }

    @Test
    void fractionsMustLeaveATestSet() {
        assertThatThrownBy(() -> new PatientSplit("s", 0.9, 0.1)).hasMessageContaining("test set");
    }
}
