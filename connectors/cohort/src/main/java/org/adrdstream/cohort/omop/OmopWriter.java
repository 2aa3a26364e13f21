package org.adrdstream.cohort.omop;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;

import org.adrdstream.cohort.CohortWriter;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.life.LifeCourse;
import org.adrdstream.contract.Sex;

/**
 * Writes OMOP CDM v5.4 CSV files, one per table, with a header row. OMOP is a curated snapshot: facts
 * entered in error and re-sent duplicates are not in it. Concept ids are set where they need no vocabulary
 * tables (gender, visit, type concepts); clinical concept ids are 0 ("no matching concept") with the source
 * code kept in the {@code *_source_value} column, because the OHDSI vocabularies cannot be bundled. Row ids
 * are {@code person_id * 100000 + record number}, so patient k's rows do not depend on the cohort size.
 */
public final class OmopWriter implements CohortWriter {

    /** Type concept "EHR" for every row. */
    static final int EHR_TYPE_CONCEPT = 32817;
    static final int MALE_CONCEPT = 8507;
    static final int FEMALE_CONCEPT = 8532;
    static final long ROWS_PER_PERSON = 100_000;
    /** Days a prescription lasts when the order carries no supply (drug_exposure_end_date is required). */
    static final int DEFAULT_DAYS_SUPPLY = 30;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<OmopTable, Writer> files = new EnumMap<>(OmopTable.class);

    public OmopWriter(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (OmopTable table : OmopTable.values()) {
            Writer writer = new BufferedWriter(Files.newBufferedWriter(directory.resolve(table.fileName()),
                    StandardCharsets.UTF_8), 1 << 16);
            writer.write(String.join(",", table.columns()));
            writer.write('\n');
            files.put(table, writer);
        }
    }

    @Override
    public void write(PatientRecord patient) throws IOException {
        LifeCourse truth = patient.truth();
        long person = truth.index() + 1L;
        LocalDate birth = truth.birthDate();
        boolean male = truth.sex() == Sex.MALE;
        row(OmopTable.PERSON, person, male ? MALE_CONCEPT : FEMALE_CONCEPT, birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), DATE_TIME.format(birth.atStartOfDay()), 0, 0, null, null, null, patient.identity().mrn(),
                male ? "M" : "F", 0, null, 0, null, 0);
        for (RecordedFact fact : patient.facts()) {
            if (!fact.isRetracted()) {
                writeFact(person, fact);
            }
        }
    }

    private void writeFact(long person, RecordedFact fact) throws IOException {
        long id = rowId(person, fact.recordId());
        Long visit = fact.encounterId() == null ? null : rowId(person, fact.encounterId());
        LocalDate day = day(fact.time());
        switch (fact.kind()) {
            case ENROLLMENT -> row(OmopTable.OBSERVATION_PERIOD, id, person, day, day(fact.endTime()), EHR_TYPE_CONCEPT);
            case ENCOUNTER -> row(OmopTable.VISIT_OCCURRENCE, id, person, fact.encounterClass().omopVisitConceptId(), day,
                    dateTime(fact.time()), day(fact.endTime()), dateTime(fact.endTime()), EHR_TYPE_CONCEPT, null, null,
                    fact.encounterClass().actCode(), 0, 0, null, 0, null, null);
            case DIAGNOSIS -> row(OmopTable.CONDITION_OCCURRENCE, id, person, 0, day, dateTime(fact.time()), null, null,
                    EHR_TYPE_CONCEPT, 0, null, null, visit, null, fact.code().value(), 0, null);
            case MEDICATION -> {
                Instant end = fact.time().plus(Duration.ofDays(DEFAULT_DAYS_SUPPLY));
                row(OmopTable.DRUG_EXPOSURE, id, person, 0, day, dateTime(fact.time()), day(end), dateTime(end), null,
                        EHR_TYPE_CONCEPT, null, null, null, DEFAULT_DAYS_SUPPLY, null, 0, null, null, visit, null,
                        fact.code().value(), 0, null, null);
            }
            case LAB, OBSERVATION -> row(OmopTable.MEASUREMENT, id, person, 0, day, dateTime(fact.time()), null,
                    EHR_TYPE_CONCEPT, 0, fact.value(), 0, 0, null, null, null, visit, null, fact.code().value(), 0,
                    fact.unit(), 0, null, null, null);
            case PROCEDURE -> row(OmopTable.PROCEDURE_OCCURRENCE, id, person, 0, day, dateTime(fact.time()), null, null,
                    EHR_TYPE_CONCEPT, 0, null, null, visit, null, fact.code().value(), 0, null);
            case DEATH -> row(OmopTable.DEATH, person, day, dateTime(fact.time()), EHR_TYPE_CONCEPT, 0, null, 0);
            case DEMOGRAPHICS -> { } // the person row
        }
    }

    static long rowId(long person, String recordId) {
        return person * ROWS_PER_PERSON + Long.parseLong(recordId.substring(recordId.lastIndexOf('-') + 1));
    }

    private void row(OmopTable table, Object... values) throws IOException {
        if (values.length != table.columns().size()) {
            throw new IllegalStateException(table + " has " + table.columns().size() + " columns, got " + values.length);
        }
        Writer out = files.get(table);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (values[i] != null) {
                out.write(csv(values[i].toString()));
            }
        }
        out.write('\n');
    }

    private static String csv(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String dateTime(Instant instant) {
        return DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    @Override
    public void close() throws IOException {
        CohortWriter.closeAll(files.values());
    }
}
