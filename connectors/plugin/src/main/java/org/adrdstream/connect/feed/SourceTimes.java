package org.adrdstream.connect.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

import org.adrdstream.contract.FailureStage;

/** Parses the date and time spellings of the text formats (OMOP CSV, HL7 DTM), in UTC unless an offset is given. */
public final class SourceTimes {

    /** {@code 2015-03-04 10:20:00}, {@code 2015-03-04T10:20:00}, optional fraction and optional offset or Z. */
    private static final DateTimeFormatter SQL_OR_ISO = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .append(DateTimeFormatter.ofPattern("HH:mm[:ss]"))
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    private SourceTimes() {
    }

    /** An OMOP date or datetime column; {@code what} names the column in the error. */
    public static Instant dateOrDateTime(String value, String what) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            var parsed = SQL_OR_ISO.parseBest(value, java.time.OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof java.time.OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "bad date in " + what, e);
        }
    }

    public static LocalDate date(String value, String what) {
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (DateTimeParseException e) {
            throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "bad date in " + what, e);
        }
    }
}
