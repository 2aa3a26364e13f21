package org.adrdstream.task;

import static org.adrdstream.task.Histories.patient;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.PatientHistory;
import org.junit.jupiter.api.Test;

/** The edges of docs/DESIGN.md section 5: what is input, who is eligible, and how examples are labelled. */
class PredictionTaskTest {

    private static final Instant T0 = Instant.parse("2015-06-01T00:00:00Z");
    private static final Instant HORIZON_END = Instant.parse("2020-06-01T00:00:00Z");
    private static final Instant WELL_AFTER = Instant.parse("2022-01-01T00:00:00Z");
    private final PredictionTask task = new PredictionTask(TaskConfig.defaults());

    @Test
    void eventExactlyAtIndexTimeIsInputAndOneMillisecondLaterIsNot() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .event(T0.plusMillis(1), CodeSystem.ICD10CM, "E11.9").build();

        assertThat(task.inputEvents(history, T0)).extracting(e -> e.getCode().getValue()).containsExactly("I10");
    }

    @Test
    void lookBackWindowExcludesItsOpeningInstant() {
        PredictionTask twoYears = new PredictionTask(new TaskConfig(50, 5, Period.ofYears(2), 1,
                TaskConfig.DeathPolicy.NEGATIVE));
        PatientHistory history = patient().event(Instant.parse("2013-06-01T00:00:00Z"), CodeSystem.ICD10CM, "I10")
                .event(Instant.parse("2013-06-01T00:00:01Z"), CodeSystem.ICD10CM, "E78.5").build();

        assertThat(twoYears.inputEvents(history, T0)).extracting(e -> e.getCode().getValue()).containsExactly("E78.5");
    }

    @Test
    void adrdExactlyAtIndexTimeIsAlreadyDiagnosedAndNeverAnExample() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "G30.1").observedUntil(WELL_AFTER).build();

        assertThat(task.eligibility(history, T0)).isEqualTo(Eligibility.ALREADY_DIAGNOSED);
        assertThat(task.label(history, T0)).isEqualTo(Label.EXCLUDED_PRIOR_ADRD);
    }

    @Test
    void adrdExactlyAtTheHorizonIsPositiveAndJustAfterIsNegative() {
        PatientHistory atHorizon = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .event(HORIZON_END, CodeSystem.ICD10CM, "F03.90").observedUntil(WELL_AFTER).build();
        PatientHistory justAfter = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .event(HORIZON_END.plusMillis(1), CodeSystem.ICD10CM, "F03.90").observedUntil(WELL_AFTER).build();

        assertThat(task.label(atHorizon, T0)).isEqualTo(Label.POSITIVE);
        assertThat(task.label(justAfter, T0)).isEqualTo(Label.NEGATIVE);
    }

    @Test
    void deathInsideTheHorizonWithoutAdrdFollowsTheDeathPolicy() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10").died(LocalDate.of(2017, 3, 1)).build();
        PredictionTask excluding = new PredictionTask(new TaskConfig(50, 5, Period.ZERO, 1,
                TaskConfig.DeathPolicy.EXCLUDE));

        assertThat(task.label(history, T0)).isEqualTo(Label.NEGATIVE);
        assertThat(excluding.label(history, T0)).isEqualTo(Label.EXCLUDED_DEATH);
    }

    @Test
    void deathInsideTheHorizonOverridesAnEnrolmentThatRunsPastIt() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10").died(LocalDate.of(2017, 3, 1))
                .observedUntil(WELL_AFTER).build();
        PredictionTask excluding = new PredictionTask(new TaskConfig(50, 5, Period.ZERO, 1,
                TaskConfig.DeathPolicy.EXCLUDE));

        assertThat(excluding.label(history, T0)).isEqualTo(Label.EXCLUDED_DEATH);
    }

    @Test
    void deathBeforeIndexTimeIsNeverAnExample() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10").died(LocalDate.of(2015, 1, 1))
                .observedUntil(WELL_AFTER).build();

        assertThat(task.label(history, T0)).isEqualTo(Label.EXCLUDED_DEATH);
        assertThat(task.label(history, T0).isKnown()).isFalse();
    }

    @Test
    void adrdBeforeDeathInsideTheHorizonIsPositive() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .event(Instant.parse("2016-01-01T00:00:00Z"), CodeSystem.ICD10CM, "G30.1")
                .died(LocalDate.of(2017, 3, 1)).build();

        assertThat(task.label(history, T0)).isEqualTo(Label.POSITIVE);
    }

    @Test
    void enrolmentEndingBeforeTheHorizonCensorsAndEndingOnItDoesNot() {
        PatientHistory leftEarly = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .observedUntil(HORIZON_END.minusMillis(1)).build();
        PatientHistory stayed = patient().event(T0, CodeSystem.ICD10CM, "I10").observedUntil(HORIZON_END).build();

        assertThat(task.label(leftEarly, T0)).isEqualTo(Label.CENSORED);
        assertThat(task.label(leftEarly, T0).isKnown()).isFalse();
        assertThat(task.label(stayed, T0)).isEqualTo(Label.NEGATIVE);
    }

    @Test
    void drugEvidenceAloneMakesAPatientPositive() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .event(Instant.parse("2018-01-01T00:00:00Z"), CodeSystem.RXNORM, "135447").build();

        assertThat(task.label(history, T0)).isEqualTo(Label.POSITIVE);
    }

    @Test
    void foldedSummariesCountAsEvidence() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .summary(Instant.parse("2010-01-01T00:00:00Z"), Instant.parse("2011-01-01T00:00:00Z"),
                        CodeSystem.SNOMEDCT, "26929004").build();

        assertThat(task.eligibility(history, T0)).isEqualTo(Eligibility.ALREADY_DIAGNOSED);
    }

    @Test
    void minimumAgeIsReachedOnTheFiftiethBirthday() {
        PatientHistory fifty = patient().born(LocalDate.of(1965, 6, 1)).event(T0, CodeSystem.ICD10CM, "I10").build();
        PatientHistory dayShort = patient().born(LocalDate.of(1965, 6, 2)).event(T0, CodeSystem.ICD10CM, "I10").build();
        PatientHistory unknownAge = patient().born(null).event(T0, CodeSystem.ICD10CM, "I10").build();

        assertThat(task.eligibility(fifty, T0)).isEqualTo(Eligibility.ELIGIBLE);
        assertThat(task.eligibility(dayShort, T0)).isEqualTo(Eligibility.NOT_ELIGIBLE);
        assertThat(task.eligibility(unknownAge, T0)).isEqualTo(Eligibility.NOT_ELIGIBLE);
    }

    @Test
    void deadPatientsAndEmptyWindowsAreNotScored() {
        PatientHistory dead = patient().event(T0, CodeSystem.ICD10CM, "I10").died(LocalDate.of(2015, 5, 1)).build();
        PatientHistory nothingBefore = patient().event(T0.plusSeconds(60), CodeSystem.ICD10CM, "I10").build();

        assertThat(task.eligibility(dead, T0)).isEqualTo(Eligibility.NOT_ELIGIBLE);
        assertThat(task.eligibility(nothingBefore, T0)).isEqualTo(Eligibility.INSUFFICIENT_HISTORY);
    }

    @Test
    void streamingIndexTimeIsTheNewestEvent() {
        PatientHistory history = patient().event(T0, CodeSystem.ICD10CM, "I10")
                .event(T0.minusSeconds(10), CodeSystem.ICD10CM, "E11.9").build();

        assertThat(PredictionTask.streamingIndexTime(history)).contains(T0);
    }
}
