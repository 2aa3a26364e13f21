package org.adrdstream.connect.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.adrdstream.connect.feed.UnusableRecordException;
import org.adrdstream.contract.FailureStage;

/**
 * HL7 v2 DTM/DT values: {@code YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]}, missing parts taken as their
 * first value, UTC when no offset is given.
 */
final class Hl7Times {

    private Hl7Times() {
    }

    static Instant instant(String value, String what) {
        try {
            String text = value.trim();
            ZoneOffset offset = ZoneOffset.UTC;
            int sign = Math.max(text.indexOf('+'), text.indexOf('-'));
            if (sign > 0) {
                offset = ZoneOffset.of(text.substring(sign, sign + 3) + ":" + text.substring(sign + 3, sign + 5));
                text = text.substring(0, sign);
            }
            int dot = text.indexOf('.');
            String digits = dot > 0 ? text.substring(0, dot) : text;
            int year = Integer.parseInt(digits.substring(0, 4));
            LocalDateTime time = LocalDateTime.of(year, part(digits, 4, 1), part(digits, 6, 1), part(digits, 8, 0),
                    part(digits, 10, 0), part(digits, 12, 0));
            return time.toInstant(offset);
        } catch (RuntimeException e) {
            throw new UnusableRecordException(FailureStage.CONNECTOR_PARSE, "bad date/time in " + what, e);
        }
    }

    static LocalDate date(String value, String what) {
        return instant(value, what).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static int part(String digits, int at, int missing) {
        return digits.length() >= at + 2 ? Integer.parseInt(digits.substring(at, at + 2)) : missing;
    }
}
