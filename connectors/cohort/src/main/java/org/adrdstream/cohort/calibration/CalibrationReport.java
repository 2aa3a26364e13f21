package org.adrdstream.cohort.calibration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.adrdstream.cohort.CohortGenerator;
import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.epidemiology.CalibratedHazard;
import org.adrdstream.cohort.epidemiology.PublishedRates;
import org.adrdstream.cohort.epidemiology.RiskFactor;
import org.adrdstream.cohort.life.LifeCourse;
import org.adrdstream.cohort.life.OracleRisk;
import org.adrdstream.cohort.vocabulary.CareCodes;
import org.adrdstream.contract.PatientHistory;
import org.adrdstream.evaluation.Auroc;
import org.adrdstream.task.Label;
import org.adrdstream.task.PredictionTask;
import org.adrdstream.task.TaskConfig;

/**
 * Measures a generated cohort against its targets: age-specific ADRD incidence (true onsets and the
 * hazard's expectation) against the published table, factor prevalence against its sources, the five-year
 * labels at an index date under the platform's task semantics, crude relative risks of the factors and of
 * prodromal codes, events per patient-year, and the oracle AUROC. Fed patient by patient like a writer.
 */
public final class CalibrationReport implements CohortWriter {

    /** Lower bounds of the incidence bands (the last is open). */
    static final int[] BANDS = {65, 70, 75, 80, 85, 90};
    /** Recorded prevalence in the IPCI EHR cohort at 65-69 and 80-84 (same source as the incidence table). */
    static final Map<RiskFactor, double[]> IPCI_PREVALENCE = Map.of(
            RiskFactor.HYPERTENSION, new double[] {0.5535, 0.7895},
            RiskFactor.DIABETES, new double[] {0.1478, 0.2217},
            RiskFactor.HIGH_LDL, new double[] {0.3799, 0.4709},
            RiskFactor.STROKE, new double[] {0.0280, 0.0719},
            RiskFactor.ATRIAL_FIBRILLATION, new double[] {0.0357, 0.1122});

    private final CalibratedHazard hazard;
    private final OracleRisk oracle;
    private final PredictionTask task = new PredictionTask(TaskConfig.defaults());
    private final LocalDate indexDate;
    private final Instant t0;
    private final LocalDate windowEnd;
    private final String feed;

    private final double[] personYears = new double[BANDS.length];
    private final int[] onsets = new int[BANDS.length];
    private final double[] expectedOnsets = new double[BANDS.length];
    private final int[] prevalenceDenominator = new int[2];
    private final Map<RiskFactor, int[]> prevalenceCount = new EnumMap<>(RiskFactor.class);
    private final Map<Label, Integer> labels = new EnumMap<>(Label.class);
    private final Map<RiskFactor, int[]> byFactor = new EnumMap<>(RiskFactor.class); // {with+, with, without+, without}
    private final int[] byProdrome = new int[4];
    private final Map<String, Long> factsByKind = new TreeMap<>();
    private final List<double[]> scored = new ArrayList<>();
    private double enrolledYears;
    private int patients;

    public CalibrationReport(CohortGenerator generator, LocalDate indexDate) {
        this.hazard = generator.dementiaHazard();
        this.oracle = generator.oracleRisk(TaskConfig.defaults().horizonYears());
        this.indexDate = indexDate;
        this.windowEnd = generator.settings().windowEnd();
        this.feed = generator.settings().feed();
        this.t0 = indexDate.atTime(LocalTime.MIDNIGHT).toInstant(ZoneOffset.UTC);
        for (RiskFactor factor : RiskFactor.values()) {
            prevalenceCount.put(factor, new int[2]);
            byFactor.put(factor, new int[4]);
        }
    }

    @Override
    public void write(PatientRecord patient) {
        LifeCourse life = patient.truth();
        patients++;
        countIncidence(life);
        countPrevalence(life);
        enrolledYears += (life.enrolmentEnd().toEpochDay() - life.enrolmentStart().toEpochDay() + 1) / 365.25;
        for (RecordedFact fact : patient.facts()) {
            factsByKind.merge(fact.kind().name(), 1L, Long::sum);
        }
        label(patient);
    }

    /**
     * True onsets and the hazard's expectation per age band, over the dementia-free person-time from enrolment
     * to death or the end of the window (the truth is known after a patient leaves). Time before enrolment is
     * left out: every patient survived it by construction, which would bias the rates (immortal time).
     */
    private void countIncidence(LifeCourse life) {
        LocalDate end = life.death() == null ? windowEnd : life.death();
        LocalDate start = life.enrolmentStart();
        if (life.adrdOnset() != null && life.adrdOnset().isBefore(start)) {
            return;
        }
        LocalDate stop = life.adrdOnset() != null && life.adrdOnset().isBefore(end) ? life.adrdOnset() : end;
        for (LocalDate month = start; month.isBefore(stop); month = month.plusMonths(1)) {
            int band = band(life.ageAt(month));
            if (band >= 0) {
                personYears[band] += 1 / 12.0;
                expectedOnsets[band] += hazard.rate(life.ageAt(month), life.factorsAt(month)) / 12;
            }
        }
        if (life.adrdOnset() != null && !life.adrdOnset().isAfter(end) && band(life.ageAt(life.adrdOnset())) >= 0) {
            onsets[band(life.ageAt(life.adrdOnset()))]++;
        }
    }

    private void countPrevalence(LifeCourse life) {
        if (!life.isAliveAt(indexDate) || life.enrolmentStart().isAfter(indexDate) || life.enrolmentEnd().isBefore(indexDate)) {
            return;
        }
        double age = life.ageAt(indexDate);
        int group = age >= 65 && age < 70 ? 0 : age >= 80 && age < 85 ? 1 : -1;
        if (group < 0) {
            return;
        }
        prevalenceDenominator[group]++;
        for (RiskFactor factor : life.factorsAt(indexDate)) {
            prevalenceCount.get(factor)[group]++;
        }
    }

    private void label(PatientRecord patient) {
        LifeCourse life = patient.truth();
        if (life.enrolmentStart().isAfter(indexDate)) {
            return;
        }
        PatientHistory history = RecordHistory.of(patient, feed);
        Label label = task.label(history, t0);
        labels.merge(label, 1, Integer::sum);
        if (label != Label.POSITIVE && label != Label.NEGATIVE
                || task.eligibility(history, t0) != org.adrdstream.task.Eligibility.ELIGIBLE) {
            return;
        }
        boolean positive = label == Label.POSITIVE;
        scored.add(new double[] {oracle.risk(life, indexDate), positive ? 1 : 0});
        for (RiskFactor factor : RiskFactor.values()) {
            int[] counts = byFactor.get(factor);
            int offset = life.has(factor, indexDate) ? 0 : 2;
            counts[offset + 1]++;
            counts[offset] += positive ? 1 : 0;
        }
        int offset = hasRecentProdromeCode(patient) ? 0 : 2;
        byProdrome[offset + 1]++;
        byProdrome[offset] += positive ? 1 : 0;
    }

    private boolean hasRecentProdromeCode(PatientRecord patient) {
        Instant from = t0.atZone(ZoneOffset.UTC).minusYears(2).toInstant();
        for (RecordedFact fact : patient.facts()) {
            if (fact.code() != null && !fact.time().isAfter(t0) && fact.time().isAfter(from) && !fact.isRetracted()
                    && (fact.code().equals(CareCodes.MEMORY_COMPLAINT) || fact.code().equals(CareCodes.MILD_COGNITIVE_IMPAIRMENT))) {
                return true;
            }
        }
        return false;
    }

    private static int band(double age) {
        for (int i = BANDS.length - 1; i >= 0; i--) {
            if (age >= BANDS[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Observed true-onset incidence per 1,000 person-years in band {@code i}. */
    public double observedIncidence(int band) {
        return 1000 * onsets[band] / personYears[band];
    }

    public double expectedIncidence(int band) {
        return 1000 * expectedOnsets[band] / personYears[band];
    }

    public int onsets(int band) {
        return onsets[band];
    }

    public double expectedOnsets(int band) {
        return expectedOnsets[band];
    }

    public static double publishedIncidence(int band) {
        return 1000 * PublishedRates.DEMENTIA_INCIDENCE.rate(BANDS[band] + 0.5);
    }

    public static int bands() {
        return BANDS.length;
    }

    /** Crude five-year relative risk at the index date: positives with the factor vs without, among labelled. */
    public double relativeRisk(RiskFactor factor) {
        return ratio(byFactor.get(factor));
    }

    /** Relative risk for a memory-complaint or MCI code in the two years before the index date. */
    public double prodromeRelativeRisk() {
        return ratio(byProdrome);
    }

    /** Prevalence of the factor at the index date among enrolled patients aged 65-69 (group 0) or 80-84 (1). */
    public double prevalence(RiskFactor factor, int group) {
        return prevalenceCount.get(factor)[group] / (double) prevalenceDenominator[group];
    }

    public double oracleAuroc() {
        double[] scores = new double[scored.size()];
        boolean[] positive = new boolean[scored.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scored.get(i)[0];
            positive[i] = scored.get(i)[1] == 1;
        }
        return Auroc.of(scores, positive);
    }

    public int labelled(Label label) {
        return labels.getOrDefault(label, 0);
    }

    private static double ratio(int[] counts) {
        double with = counts[0] / (double) counts[1];
        double without = counts[2] / (double) counts[3];
        return with / without;
    }

    /** The report as Markdown (docs/cohort-calibration.md). */
    public String markdown(int patientsRequested, long seed) {
        StringBuilder md = new StringBuilder();
        md.append("# Cohort calibration\n\n");
        md.append(String.format(Locale.ROOT, "Generated by `adrd generate --report --patients %d --seed %d` "
                + "(%d patients, %.0f enrolled patient-years). Sources and parameters: docs/cohort.md.%n%n",
                patientsRequested, seed, patients, enrolledYears));
        appendIncidence(md);
        appendLabels(md);
        appendRelativeRisks(md);
        appendPrevalence(md);
        appendVolume(md);
        return md.toString();
    }

    private void appendIncidence(StringBuilder md) {
        md.append("## ADRD incidence per 1,000 person-years (dementia-free person-time from enrolment to death or the data cut)\n\n");
        md.append("| age | published (IPCI) | hazard's expectation | observed onsets | onsets | person-years |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < BANDS.length; i++) {
            String age = i + 1 < BANDS.length ? BANDS[i] + "-" + (BANDS[i + 1] - 1) : BANDS[i] + "+";
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d | %.0f |%n", age,
                    publishedIncidence(i), expectedIncidence(i), observedIncidence(i), onsets[i], personYears[i]));
        }
        md.append("\nObserved counts scatter around the expectation by Poisson noise (sd = sqrt(onsets)).\n\n");
    }

    private void appendLabels(StringBuilder md) {
        int positive = labelled(Label.POSITIVE);
        int negative = labelled(Label.NEGATIVE);
        md.append("## Five-year labels at ").append(indexDate).append(" (PredictionTask defaults)\n\n");
        md.append("| label | patients |\n|---|---:|\n");
        labels.forEach((label, count) -> md.append("| ").append(label).append(" | ").append(count).append(" |\n"));
        md.append(String.format(Locale.ROOT, "%nFive-year cumulative incidence of recorded ADRD among labelled "
                + "patients: %.2f %% (%d of %d).%n%n", 100.0 * positive / (positive + negative), positive, positive + negative));
        md.append(String.format(Locale.ROOT, "**Oracle AUROC** (true hazard inputs, latent factors included, against "
                + "the recorded labels of eligible patients): **%.3f** over %d patients. No model of the records can "
                + "beat it on this cohort.%n%n", oracleAuroc(), scored.size()));
    }

    private void appendRelativeRisks(StringBuilder md) {
        md.append("## Crude five-year relative risks at the index date (generated data)\n\n");
        md.append("| factor | relative risk in the model | crude relative risk measured | with factor |\n");
        md.append("|---|---:|---:|---:|\n");
        for (RiskFactor factor : RiskFactor.values()) {
            int[] c = byFactor.get(factor);
            md.append(String.format(Locale.ROOT, "| %s%s | %.2f | %.2f | %d |%n", factor.label(),
                    factor.isLatent() ? " (latent)" : "", factor.dementiaRelativeRisk(), relativeRisk(factor), c[1]));
        }
        md.append(String.format(Locale.ROOT, "| memory complaint or MCI code in the 2 years before (prodrome) | - | %.2f | %d |%n%n",
                prodromeRelativeRisk(), byProdrome[1]));
        md.append("Crude ratios mix confounding by age and co-occurring factors, so they differ from the model's "
                + "conditional relative risks; their direction and rough size are what the tests check.\n\n");
    }

    private void appendPrevalence(StringBuilder md) {
        md.append(String.format(Locale.ROOT, "## Factor prevalence at %s (true state, enrolled patients)%n%n", indexDate));
        md.append("| factor | 65-69 | IPCI 65-70 | 80-84 | IPCI 80-85 |\n|---|---:|---:|---:|---:|\n");
        for (RiskFactor factor : RiskFactor.values()) {
            double[] ipci = IPCI_PREVALENCE.get(factor);
            md.append(String.format(Locale.ROOT, "| %s | %.1f %% | %s | %.1f %% | %s |%n", factor.label(),
                    100 * prevalence(factor, 0), ipci == null ? "" : String.format(Locale.ROOT, "%.1f %%", 100 * ipci[0]),
                    100 * prevalence(factor, 1), ipci == null ? "" : String.format(Locale.ROOT, "%.1f %%", 100 * ipci[1])));
        }
        md.append(String.format(Locale.ROOT, "%nPatients: %d aged 65-69, %d aged 80-84.%n%n",
                prevalenceDenominator[0], prevalenceDenominator[1]));
    }

    private void appendVolume(StringBuilder md) {
        md.append("## Recorded facts per enrolled patient-year\n\n| kind | per patient-year |\n|---|---:|\n");
        long total = 0;
        for (Map.Entry<String, Long> entry : factsByKind.entrySet()) {
            total += entry.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", entry.getKey(), entry.getValue() / enrolledYears));
        }
        md.append(String.format(Locale.ROOT, "| all | %.2f |%n", total / enrolledYears));
    }

    @Override
    public void close() {
    }
}
