package org.adrdstream.rationale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.task.Histories;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;
import org.junit.jupiter.api.Test;

class RationaleTest {

    private static final PredictionTask TASK = new PredictionTask(TaskConfig.defaults());
    private static final Instant T0 = Instant.parse("2020-06-01T00:00:00Z");
    private static final long DAY = 86_400;

    private final RationaleGenerator generator = new RationaleGenerator(TASK);
    private final FaithfulnessChecker checker = new FaithfulnessChecker(TASK);

    private static PatientHistory patient() {
        return Histories.patient().born(LocalDate.of(1942, 2, 1))
                .event(T0.minusSeconds(6 * 366 * DAY), CodeSystem.ICD10CM, "I10")
                .event(T0.minusSeconds(3 * 366 * DAY), CodeSystem.ICD10CM, "E11.9")
                .event(T0.minusSeconds(2 * 366 * DAY), CodeSystem.ICD10CM, "I10")
                .event(T0.minusSeconds(300 * DAY), CodeSystem.ICD10CM, "R41.3")
                .event(T0.plusSeconds(200 * DAY), CodeSystem.ICD10CM, "G30.1")
                .observedUntil(T0.plusSeconds(6 * 366 * DAY)).build();
    }

    @Test
    void freeFormRationaleCitesFirstFactorsLatestSignsAbsencesAndTheAnswer() {
        Rationale rationale = generator.generate(patient(), T0, true, RationaleStyle.FREEFORM);

        assertThat(rationale.text()).isEqualTo("age 78 ; risk factors hypertension dx:I10 y-6 diabetes dx:E11.9 y-3 ; "
                + "warning signs memory-loss dx:R41.3 y-0 ; notable absences absent:hyperlipidemia absent:depression "
                + "absent:hearing-loss ; evidence points to adrd within 5y answer yes");
        assertThat(checker.check(patient(), T0, rationale).faithful()).isTrue();
    }

    @Test
    void stepwiseRationaleNumbersItsStepsAndIsFaithful() {
        Rationale rationale = generator.generate(patient(), T0, false, RationaleStyle.STEPWISE);

        assertThat(rationale.text()).startsWith("step 1 age 78 step 2 risk factors hypertension dx:I10 y-6")
                .endsWith("step 5 answer no");
        FaithfulnessReport report = checker.check(patient(), T0, rationale);
        assertThat(report.failures()).isEmpty();
        assertThat(report.facts()).isEqualTo(1 + 2 + 1 + 3);
    }

    @Test
    void plantedErrorsAreEachCaught() {
        PatientHistory history = patient();
        List<String> wrong = List.of(
                "age 77",                              // wrong age
                "hypertension dx:I10 y-3",             // wrong year
                "dx:G30.1 y-0",                        // after t0
                "stroke dx:I63.9 y-1",                 // absent from the history
                "absent:diabetes",                     // but present
                "depression dx:E11.9 y-3",             // the code is not that factor
                "dx:I10");                             // no year
        for (String claim : wrong) {
            Rationale planted = new Rationale(RationaleGenerator.VERSION, RationaleStyle.FREEFORM, List.of(claim.split(" ")));
            assertThat(checker.check(history, T0, planted).faithful()).as(claim).isFalse();
        }
    }

    @Test
    void everyGeneratedRationaleIsFaithful() {
        Random random = new Random(4);
        String[] codes = {"I10", "E11.9", "E78.5", "F32.9", "H91.90", "I63.9", "I48.91", "N18.3", "R41.3", "G31.84",
                "R29.6", "J45.909", "M54.5"};
        List<FaithfulnessReport> reports = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            Histories patient = Histories.patient().born(LocalDate.of(1930 + random.nextInt(30), 1, 1));
            for (int e = 0; e < 1 + random.nextInt(25); e++) {
                patient.event(T0.minusSeconds(random.nextInt(15 * 365) * DAY).plusSeconds(random.nextInt(3) * 365 * DAY),
                        CodeSystem.ICD10CM, codes[random.nextInt(codes.length)]);
            }
            PatientHistory history = patient.build();
            for (RationaleStyle style : RationaleStyle.values()) {
                reports.add(checker.check(history, T0, generator.generate(history, T0, random.nextBoolean(), style)));
            }
        }

        assertThat(reports).allSatisfy(r -> assertThat(r.failures()).isEmpty());
        assertThat(reports.stream().mapToInt(FaithfulnessReport::facts).sum()).isGreaterThan(3000);
    }
}
