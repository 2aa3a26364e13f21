package org.adrdstream.task;

import static org.adrdstream.task.Histories.patient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.PatientHistory;
import org.junit.jupiter.api.Test;

class IndexTimeSamplerTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());

    @Test
    void theFixedDateRuleUsesThatDateForEveryoneWhoIsEligibleThenWithAKnownOutcome() {
        PatientHistory laterDiagnosis = patient().event(Instant.parse("2012-03-01T00:00:00Z"), CodeSystem.ICD10CM, "I10")
                .event(Instant.parse("2017-05-01T00:00:00Z"), CodeSystem.ICD10CM, "G30.1")
                .observedUntil(Instant.parse("2024-01-01T00:00:00Z")).build();
        PatientHistory followedUpWell = patient().event(Instant.parse("2014-03-01T00:00:00Z"), CodeSystem.ICD10CM, "I10")
                .observedUntil(Instant.parse("2024-01-01T00:00:00Z")).build();
        PatientHistory startsLater = patient().event(Instant.parse("2016-03-01T00:00:00Z"), CodeSystem.ICD10CM, "I10")
                .observedUntil(Instant.parse("2024-01-01T00:00:00Z")).build();
        IndexTimeSampler sampler = IndexTimeSampler.atDate(TASK, LocalDate.of(2015, 1, 1));

        assertThat(sampler.sample(laterDiagnosis)).hasValueSatisfying(e -> {
            assertThat(e.t0()).isEqualTo(Instant.parse("2015-01-01T00:00:00Z"));
            assertThat(e.positive()).isTrue();
        });
        assertThat(sampler.sample(followedUpWell)).hasValueSatisfying(e -> assertThat(e.label()).isEqualTo(Label.NEGATIVE));
        assertThat(sampler.sample(startsLater)).as("no history before the date: not eligible").isEmpty();
        assertThat(sampler.rule()).isEqualTo("2015-01-01");
        assertThat(new IndexTimeSampler(TASK, 1).rule()).isEqualTo("random");
    }
}
