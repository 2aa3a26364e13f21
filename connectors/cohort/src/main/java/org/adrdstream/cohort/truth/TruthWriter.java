package org.adrdstream.cohort.truth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.life.LifeCourse;
import org.adrdstream.cohort.life.OracleRisk;

/**
 * The evaluation side file {@code truth.csv}: per patient the pseudonym, the true hazard inputs (every factor's
 * onset date, latent ones included), dementia onset and diagnosis dates, enrolment, death and the oracle
 * five-year risk at the given index date. It is for evaluation only and never enters a topic; it holds the
 * MRN so that the source-format outputs can be joined to it.
 */
public final class TruthWriter implements CohortWriter {

    public static final String FILE = "truth.csv";

    private final BufferedWriter out;
    private final OracleRisk oracle;
    private final LocalDate indexDate;

    public TruthWriter(Path directory, OracleRisk oracle, LocalDate indexDate) throws IOException {
        Files.createDirectories(directory);
        this.out = Files.newBufferedWriter(directory.resolve(FILE), StandardCharsets.UTF_8);
        this.oracle = oracle;
        this.indexDate = indexDate;
        out.write(String.join(",", header()));
        out.write('\n');
    }

    private List<String> header() {
        List<String> columns = new ArrayList<>(List.of("patient_index", "pseudonym", "mrn", "sex", "birth_date",
                "enrolment_start", "enrolment_end", "death_date", "adrd_onset", "adrd_diagnosis_due",
                "adrd_diagnosis_recorded_from", "adrd_diagnosis_code"));
        for (RiskFactor factor : RiskFactor.values()) {
            columns.add(factor.name().toLowerCase(Locale.ROOT) + "_onset");
        }
        columns.add("oracle_risk_5y_at_" + indexDate);
        return columns;
    }

    @Override
    public void write(PatientRecord patient) throws IOException {
        LifeCourse truth = patient.truth();
        List<String> row = new ArrayList<>(List.of(Integer.toString(truth.index()), patient.identity().pseudonym(),
                patient.identity().mrn(), truth.sex().name(), truth.birthDate().toString(),
                truth.enrolmentStart().toString(), truth.enrolmentEnd().toString(), text(truth.death()),
                text(truth.adrdOnset()), text(truth.adrdDiagnosisDue()),
                text(truth.recordedDiagnosisFrom().orElse(null)), truth.adrdDiagnosis().code().value()));
        for (RiskFactor factor : RiskFactor.values()) {
            row.add(text(truth.factorOnsets().get(factor)));
        }
        row.add(String.format(Locale.ROOT, "%.6f", oracle.risk(truth, indexDate)));
        out.write(String.join(",", row));
        out.write('\n');
    }

    private static String text(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
