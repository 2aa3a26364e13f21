package org.adrdstream.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.adrdstream.cohort.calibration.CalibrationReport;
import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.task.Label;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated cohort against its targets, on a sample large enough for the tolerances stated. */
class CalibrationTest {

    private static final int PATIENTS = 12_000;
    private static CalibrationReport report;

    @BeforeAll
    static void generate() throws IOException {
        CohortGenerator generator = Cohorts.generator(2024);
        report = new CalibrationReport(generator, LocalDate.of(2015, 1, 1));
        generator.generate(PATIENTS, List.of(report), done -> { });
    }

    @Test
    void theHazardReproducesThePublishedIncidenceTable() {
        // The calibrated hazard's expectation over the cohort's own person-time: within 10 % from 70 to 89.
        for (int band = 1; band <= 4; band++) {
            assertThat(report.expectedIncidence(band)).as("band %d", band)
                    .isCloseTo(CalibrationReport.publishedIncidence(band), within(0.10 * CalibrationReport.publishedIncidence(band)));
        }
    }

    @Test
    void observedOnsetsMatchTheHazardWithinPoissonNoise() {
        double observed = 0;
        double expected = 0;
        for (int band = 0; band < CalibrationReport.bands(); band++) {
            double mean = report.expectedOnsets(band);
            assertThat((double) report.onsets(band)).as("band %d", band).isCloseTo(mean, within(4 * Math.sqrt(mean) + 1));
            observed += report.onsets(band);
            expected += mean;
        }
        assertThat(observed).isCloseTo(expected, within(3 * Math.sqrt(expected)));
        assertThat(observed).isGreaterThan(300); // enough events for the tolerances to mean something
    }

    @Test
    void strongRiskFactorsAndTheProdromeRaiseRecordedAdrdRates() {
        for (RiskFactor factor : List.of(RiskFactor.DEPRESSION, RiskFactor.APOE4_CARRIER, RiskFactor.DIABETES,
                RiskFactor.STROKE)) {
            assertThat(report.relativeRisk(factor)).as(factor.label()).isGreaterThan(1.2);
        }
        // A prodromal code in the two years before the index date is a strong sign of a coming diagnosis.
        assertThat(report.prodromeRelativeRisk()).isGreaterThan(3);
    }

    @Test
    void theOracleRanksRecordedOutcomesWellButNotPerfectly() {
        assertThat(report.labelled(Label.POSITIVE)).isGreaterThan(100);
        assertThat(report.labelled(Label.NEGATIVE)).isGreaterThan(10 * report.labelled(Label.POSITIVE));
        assertThat(report.oracleAuroc()).isBetween(0.75, 0.97);
    }

    @Test
    void factorPrevalenceIsNearItsEhrSource() {
        // IPCI recorded prevalence at 65-69 and 80-84 (the source of the incidence table), within 8 points.
        assertThat(report.prevalence(RiskFactor.HYPERTENSION, 0)).isCloseTo(0.55, within(0.08));
        assertThat(report.prevalence(RiskFactor.HYPERTENSION, 1)).isCloseTo(0.79, within(0.08));
        assertThat(report.prevalence(RiskFactor.DIABETES, 1)).isCloseTo(0.22, within(0.08));
        assertThat(report.prevalence(RiskFactor.ATRIAL_FIBRILLATION, 1)).isCloseTo(0.11, within(0.08));
    }

    @Test
    void theReportRendersEverySection() {
        String markdown = report.markdown(PATIENTS, 2024);
        assertThat(markdown).contains("## ADRD incidence", "Oracle AUROC", "## Crude five-year relative risks",
                "## Factor prevalence", "## Recorded facts per enrolled patient-year");
    }
}
