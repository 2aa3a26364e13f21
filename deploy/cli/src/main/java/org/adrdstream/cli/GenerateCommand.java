package org.adrdstream.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.adrdstream.cohort.CohortFormat;
import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortSettings;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.calibration.CalibrationReport;
import org.adrdstream.cohort.truth.TruthWriter;
import org.adrdstream.pseudonym.Pseudonymiser;
import org.adrdstream.task.TaskConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code adrd generate}: the synthetic hospital cohort as FHIR, HL7 v2, OMOP CDM or ClinicalEvent files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates a synthetic hospital cohort with literature-calibrated ADRD risk (docs/cohort.md) "
                + "and writes it in one or more formats, with the ground truth in truth.csv (evaluation only).",
                "Patient k depends only on the seed and k: the same seed gives the same files."})
final class GenerateCommand implements Callable<Integer> {

    /** Used when no key is configured: fine for synthetic data, never for a hospital feed. */
    static final String DEMO_PSEUDONYM_KEY = "adrd-stream-synthetic-demo-key";

    @Spec
    private CommandSpec spec;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "1000", description = "Cohort size (default: ${DEFAULT-VALUE}).")
    int patients;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "fhir, hl7, omop or events; several separated by commas (default: events).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write to: one folder per format, plus truth.csv.")
    Path out;

    @Option(names = "--report", description = "Measure the cohort against its published targets and write the calibration report.")
    boolean report;

    @Option(names = "--report-file", paramLabel = "FILE", defaultValue = "docs/cohort-calibration.md",
            description = "Where --report writes its Markdown (default: ${DEFAULT-VALUE}).")
    Path reportFile;

    @Option(names = "--index-date", paramLabel = "DATE", defaultValue = "2015-01-01",
            description = "Index date of the oracle risk in truth.csv and of the report's labels (default: ${DEFAULT-VALUE}).")
    LocalDate indexDate;

    @Option(names = "--window-start", paramLabel = "DATE", defaultValue = "2005-01-01",
            description = "First day of the records (default: ${DEFAULT-VALUE}).")
    LocalDate windowStart;

    @Option(names = "--window-end", paramLabel = "DATE", defaultValue = "2025-12-31",
            description = "Last day of the records, the data cut (default: ${DEFAULT-VALUE}).")
    LocalDate windowEnd;

    @Option(names = "--feed", paramLabel = "NAME", defaultValue = CohortSettings.DEFAULT_FEED,
            description = "Feed and source-system name written into the records (default: ${DEFAULT-VALUE}).")
    String feed;

    @Option(names = "--pseudonym-key", paramLabel = "KEY",
            description = "Secret for the patient pseudonyms (at least 16 characters; env ADRD_PSEUDONYM_KEY). "
                    + "Without it a public demo key is used.")
    String pseudonymKey;

    @Override
    public Integer call() throws IOException {
        List<CohortFormat> chosen = chosenFormats();
        if (patients < 1) {
            throw new ParameterException(spec.commandLine(), "--patients must be at least 1, got " + patients);
        }
        if (out == null && !chosen.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--out DIR is required to write " + formats
                    + " (or give only --report to measure the cohort without writing it)");
        }
        CohortSettings settings;
        try {
            settings = new CohortSettings(seed, windowStart, windowEnd, feed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CohortGenerator generator = new CohortGenerator(settings, pseudonymiser());
        List<CohortWriter> writers = new ArrayList<>();
        CalibrationReport calibration = report ? new CalibrationReport(generator, indexDate) : null;
        long started = System.nanoTime();
        try {
            for (CohortFormat format : chosen) {
                writers.add(format.open(out, settings));
            }
            if (out != null) {
                writers.add(new TruthWriter(out, generator.oracleRisk(TaskConfig.defaults().horizonYears()), indexDate));
            }
            if (calibration != null) {
                writers.add(calibration);
            }
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("patients").setInitialMax(patients)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .build()) {
                generator.generate(patients, writers, bar::stepTo);
            }
        } finally {
            CohortWriter.closeAll(writers);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (out != null) {
            spec.commandLine().getOut().printf(Locale.ROOT, "%d patients written to %s (%s, truth.csv) in %.1f s%n",
                    patients, out.toAbsolutePath(), chosen.isEmpty() ? "no format" : chosen, seconds);
        }
        if (calibration != null) {
            String markdown = calibration.markdown(patients, seed);
            Path parent = reportFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(reportFile, markdown, StandardCharsets.UTF_8);
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().printf("%nCalibration report written to %s%n", reportFile.toAbsolutePath());
        }
        return 0;
    }

    private List<CohortFormat> chosenFormats() {
        List<CohortFormat> chosen = new ArrayList<>();
        for (String name : formats) {
            try {
                chosen.add(CohortFormat.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "unknown --format '" + name
                        + "': choose fhir, hl7, omop or events (several separated by commas)");
            }
        }
        if (chosen.isEmpty() && !report) {
            chosen.add(CohortFormat.EVENTS);
        }
        return chosen;
    }

    private Pseudonymiser pseudonymiser() {
        if (pseudonymKey == null) {
            spec.commandLine().getErr().println("note: no --pseudonym-key or ADRD_PSEUDONYM_KEY given; using the public "
                    + "demo key (fine for synthetic data only)");
            return Pseudonymiser.withKey(DEMO_PSEUDONYM_KEY);
        }
        try {
            return Pseudonymiser.withKey(pseudonymKey);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--pseudonym-key: " + e.getMessage());
        }
    }
}
