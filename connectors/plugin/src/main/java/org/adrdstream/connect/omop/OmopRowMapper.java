package org.adrdstream.connect.omop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import org.adrdstream.connect.feed.FeedRecords;
import org.adrdstream.connect.feed.ObservationKinds;
import org.adrdstream.connect.feed.SourceTimes;
import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.ClinicalEvent;
import org.adrdstream.contract.Code;
import org.adrdstream.contract.CodeSystem;
import org.adrdstream.contract.EventKind;
import org.adrdstream.contract.EventStatus;
import org.adrdstream.contract.FailureStage;
import org.adrdstream.contract.Sex;
import org.adrdstream.pseudonym.Pseudonymiser;

/**
 * One CDM row to one ClinicalEvent. Event ids are {@code feed:table/row id} (death: {@code feed:death/person_id});
 * codes come from the {@code *_source_value} columns in the configured systems, because concept ids need
 * the OHDSI vocabulary tables to mean anything.
 */
final class OmopRowMapper {

    static final int MALE_CONCEPT = 8507;
    static final int FEMALE_CONCEPT = 8532;

    private final OmopSourceConfig config;
    private final FeedRecords records;
    private final Persons persons;

    OmopRowMapper(OmopSourceConfig config, FeedRecords records, Persons persons) {
        this.config = config;
        this.records = records;
        this.persons = persons;
    }

    /** The person of a person row (also used to build {@link Persons} before the other tables are read). */
    Persons.Person person(CsvRow row) {
        String personId = required(row, "person_id");
        String sourceValue = value(row, "person_source_value");
        String pseudonym = sourceValue.isEmpty()
                ? records.pseudonym(Pseudonymiser.localIssuer(records.feed(), "person_id"), personId)
                : records.pseudonym(config.personIssuer(), sourceValue);
        return new Persons.Person(pseudonym, birthDate(row), sex(row));
    }

    /** The row's event, checked against the feed's rules (not in the future, not before birth). */
    ClinicalEvent map(OmopTable table, CsvRow row) {
        ClinicalEvent event = unchecked(table, row);
        LocalDate birth = table == OmopTable.PERSON ? null : person(required(row, "person_id")).birthDate();
        records.problem(event, birth).ifPresent(problem -> {
            throw UnusableRecordException.mapping(problem);
        });
        return event;
    }

    private ClinicalEvent unchecked(OmopTable table, CsvRow row) {
        return switch (table) {
            case PERSON -> demographics(row);
            case OBSERVATION_PERIOD -> event(row, "observation_period", EventKind.ENROLLMENT,
                    start(row, "observation_period_start_date", null), null)
                    .setEndTime(endOfDay(row, "observation_period_end_date")).build();
            case VISIT_OCCURRENCE -> visit(row);
            case CONDITION_OCCURRENCE -> coded(row, "condition_occurrence", EventKind.DIAGNOSIS, "condition_start",
                    "condition_source_value", config.conditionSystem());
            case DRUG_EXPOSURE -> coded(row, "drug_exposure", EventKind.MEDICATION, "drug_exposure_start",
                    "drug_source_value", config.drugSystem());
            case MEASUREMENT -> measurement(row);
            case PROCEDURE_OCCURRENCE -> coded(row, "procedure_occurrence", EventKind.PROCEDURE, "procedure",
                    "procedure_source_value", config.procedureSystem());
            case DEATH -> death(row);
        };
    }

    private ClinicalEvent demographics(CsvRow row) {
        Persons.Person person = person(row);
        return records.newEvent("person/" + required(row, "person_id"))
                .setPatientId(person.pseudonym()).setKind(EventKind.DEMOGRAPHICS).setStatus(EventStatus.ACTIVE)
                .setTime(person.birthDate().atStartOfDay(ZoneOffset.UTC).toInstant())
                .setBirthDate(person.birthDate()).setSex(person.sex()).build();
    }

    private ClinicalEvent visit(CsvRow row) {
        String concept = value(row, "visit_concept_id");
        String actCode = switch (concept) {
            case "9201", "262" -> "IMP";
            case "9203" -> "EMER";
            case "9202" -> "AMB";
            default -> value(row, "visit_source_value").isEmpty() ? "AMB" : value(row, "visit_source_value");
        };
        ClinicalEvent.Builder event = event(row, "visit_occurrence", EventKind.ENCOUNTER,
                start(row, "visit_start_date", "visit_start_datetime"), new Code(CodeSystem.LOCAL, actCode, null));
        String endDateTime = value(row, "visit_end_datetime");
        if (!endDateTime.isEmpty()) {
            event.setEndTime(SourceTimes.dateOrDateTime(endDateTime, "visit_end_datetime"));
        } else if (!value(row, "visit_end_date").isEmpty()) {
            event.setEndTime(endOfDay(row, "visit_end_date"));
        }
        return event.build();
    }

    /** A row with a code: {@code when} names its {@code when_date} and {@code when_datetime} columns. */
    private ClinicalEvent coded(CsvRow row, String table, EventKind kind, String when, String sourceColumn,
                                CodeSystem system) {
        return event(row, table, kind, start(row, when + "_date", when + "_datetime"), code(row, sourceColumn, system))
                .build();
    }

    private ClinicalEvent measurement(CsvRow row) {
        Code code = code(row, "measurement_source_value", config.measurementSystem());
        EventKind kind = code.getSystem() == CodeSystem.LOINC ? ObservationKinds.of(code.getValue()) : EventKind.LAB;
        ClinicalEvent.Builder event = event(row, "measurement", kind,
                start(row, "measurement_date", "measurement_datetime"), code);
        String number = value(row, "value_as_number");
        if (!number.isEmpty()) {
            try {
                event.setValue(Double.parseDouble(number));
            } catch (NumberFormatException e) {
                throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "value_as_number is not a number", e);
            }
        }
        // value_source_value is left out: it may be free text.
        String unit = value(row, "unit_source_value");
        return event.setUnit(unit.isEmpty() ? null : unit).build();
    }

    private ClinicalEvent death(CsvRow row) {
        String personId = required(row, "person_id");
        return records.newEvent("death/" + personId)
                .setPatientId(person(personId).pseudonym()).setKind(EventKind.DEATH).setStatus(EventStatus.ACTIVE)
                .setTime(start(row, "death_date", "death_datetime")).build();
    }

    private ClinicalEvent.Builder event(CsvRow row, String table, EventKind kind, Instant time, Code code) {
        String id = required(row, table + "_id");
        return records.newEvent(table + "/" + id)
                .setPatientId(person(required(row, "person_id")).pseudonym())
                .setKind(kind).setStatus(EventStatus.ACTIVE).setTime(time).setCode(code);
    }

    Persons.Person person(String personId) {
        Persons.Person person = persons.get(personId);
        if (person == null) {
            throw UnusableRecordException.mapping("the row's person_id is not in person.csv");
        }
        return person;
    }

    private static Code code(CsvRow row, String column, CodeSystem system) {
        String value = value(row, column);
        if (value.isEmpty()) {
            throw UnusableRecordException.mapping(column + " is empty: without a source code the row cannot be "
                    + "mapped (concept ids need the OHDSI vocabularies)");
        }
        return new Code(system, value, null);
    }

    private static Instant start(CsvRow row, String dateColumn, String dateTimeColumn) {
        String dateTime = dateTimeColumn == null ? "" : value(row, dateTimeColumn);
        if (!dateTime.isEmpty()) {
            return SourceTimes.dateOrDateTime(dateTime, dateTimeColumn);
        }
        return SourceTimes.dateOrDateTime(required(row, dateColumn), dateColumn);
    }

    private static Instant endOfDay(CsvRow row, String dateColumn) {
        return SourceTimes.date(required(row, dateColumn), dateColumn).atTime(LocalTime.of(23, 59, 59))
                .toInstant(ZoneOffset.UTC);
    }

    private static LocalDate birthDate(CsvRow row) {
        String birth = value(row, "birth_datetime");
        if (!birth.isEmpty()) {
            return SourceTimes.date(birth, "birth_datetime");
        }
        try {
            int year = Integer.parseInt(required(row, "year_of_birth"));
            String month = value(row, "month_of_birth");
            String day = value(row, "day_of_birth");
            return LocalDate.of(year, month.isEmpty() ? 7 : Integer.parseInt(month), day.isEmpty() ? 1 : Integer.parseInt(day));
        } catch (RuntimeException e) {
            throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "bad birth date columns", e);
        }
    }

    private static Sex sex(CsvRow row) {
        String concept = value(row, "gender_concept_id");
        String source = value(row, "gender_source_value").toUpperCase();
        if (concept.equals(String.valueOf(MALE_CONCEPT)) || source.startsWith("M")) {
            return Sex.MALE;
        }
        if (concept.equals(String.valueOf(FEMALE_CONCEPT)) || source.startsWith("F")) {
            return Sex.FEMALE;
        }
        return Sex.UNKNOWN;
    }

    static String required(CsvRow row, String column) {
        String value = value(row, column);
        if (value.isEmpty()) {
            throw UnusableRecordException.mapping(column + " is empty");
        }
        return value;
    }

    static String value(CsvRow row, String column) {
        return row.value(column);
    }
}
