package org.adrdstream.cohort.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.adrdstream.cohort.care.PatientIdentity;
import org.adrdstream.cohort.care.PatientRecord;
import org.adrdstream.cohort.care.RecordedFact;
import org.adrdstream.cohort.vocabulary.ClinicalCode;
import org.adrdstream.contract.Sex;

/**
 * Renders HL7 v2.5.1 messages (segments separated by carriage returns, no framing): ADT^A04 registrations and
 * visits with PID/PV1/DG1/PR1 (and IN1 for the enrolment), ADT^A08 updates for deaths (PID-29/30, only in
 * the death message) and for diagnoses
 * entered in error (DG1-21 action code D), ORU^R01 results with OBX (status W for a result entered in
 * error), RDE^O11 pharmacy orders with RXE (order control CA to cancel one entered in error).
 */
final class Hl7Messages {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final String feed;

    Hl7Messages(String feed) {
        this.feed = feed;
    }

    String registration(PatientRecord patient, RecordedFact demographics, RecordedFact enrolment) {
        StringBuilder m = header("ADT^A04^ADT_A01", demographics.recordId(), demographics.recordedAt());
        m.append("EVN|A04|").append(ts(demographics.time())).append('\r');
        pid(m, patient, false);
        m.append("PV1|1|N\r");
        m.append("IN1|1|SYN^Synthetic Health Plan|SYNPLAN|Synthetic Health Plan||||||||")
                .append(date(enrolment.time())).append('|').append(date(enrolment.endTime())).append('\r');
        return m.toString();
    }

    /** A visit with the diagnoses and procedures recorded in it (those retracted are sent as they first were). */
    String visit(PatientRecord patient, RecordedFact encounter, List<RecordedFact> diagnoses, List<RecordedFact> procedures) {
        StringBuilder m = header("ADT^A04^ADT_A01", encounter.recordId(), encounter.recordedAt());
        m.append("EVN|A04|").append(ts(encounter.time())).append('\r');
        pid(m, patient, false);
        pv1(m, encounter);
        int set = 1;
        for (RecordedFact diagnosis : diagnoses) {
            dg1(m, set++, diagnosis, "A");
        }
        set = 1;
        for (RecordedFact procedure : procedures) {
            // PR1-19 procedure identifier: the record id, so a correction can name the procedure
            m.append("PR1|").append(set++).append("||").append(cwe(procedure.code(), "C4")).append("||")
                    .append(ts(procedure.time())).append("||||||||||||||").append(procedure.recordId()).append('\r');
        }
        return m.toString();
    }

    /** ADT^A08 that deletes a diagnosis entered in error. */
    String diagnosisRetraction(PatientRecord patient, RecordedFact diagnosis, RecordedFact encounter) {
        StringBuilder m = header("ADT^A08^ADT_A01", diagnosis.recordId() + "-D", diagnosis.retractedAt());
        m.append("EVN|A08|").append(ts(diagnosis.retractedAt())).append('\r');
        pid(m, patient, false);
        pv1(m, encounter);
        dg1(m, 1, diagnosis, "D");
        return m.toString();
    }

    String death(PatientRecord patient, RecordedFact death) {
        StringBuilder m = header("ADT^A08^ADT_A01", death.recordId(), death.recordedAt());
        m.append("EVN|A08|").append(ts(death.recordedAt())).append('\r');
        pid(m, patient, true);
        m.append("PV1|1|N\r");
        return m.toString();
    }

    /** ORU^R01 with one result; {@code status} F (final) or W (wrong: entered in error). */
    String result(PatientRecord patient, RecordedFact result, RecordedFact encounter, String status) {
        Instant sent = "W".equals(status) ? result.retractedAt() : result.recordedAt();
        StringBuilder m = header("ORU^R01^ORU_R01", result.recordId() + ("W".equals(status) ? "-W" : ""), sent);
        pid(m, patient, false);
        pv1(m, encounter);
        String service = cwe(result.code(), "LN");
        m.append("OBR|1||").append(result.recordId()).append('|').append(service).append("|||")
                .append(ts(result.time())).append("|||||||||||||||").append(ts(sent)).append("|||").append(status)
                .append('\r');
        m.append("OBX|1|NM|").append(service).append("||").append(number(result.value())).append('|')
                .append(escape(result.unit())).append('^').append(escape(result.unit())).append("^UCUM")
                .append("|||||").append(status).append("|||").append(ts(result.time())).append('\r');
        return m.toString();
    }

    /** RDE^O11 for one order; {@code orderControl} NW (new) or CA (cancel: entered in error). */
    String pharmacyOrder(PatientRecord patient, RecordedFact order, RecordedFact encounter, String orderControl) {
        boolean cancel = "CA".equals(orderControl);
        Instant sent = cancel ? order.retractedAt() : order.recordedAt();
        StringBuilder m = header("RDE^O11^RDE_O11", order.recordId() + (cancel ? "-C" : ""), sent);
        pid(m, patient, false);
        pv1(m, encounter);
        m.append("ORC|").append(orderControl).append('|').append(order.recordId()).append("|||||||")
                .append(ts(sent)).append('\r');
        m.append("RXE|^^^").append(ts(order.time())).append('|').append(cwe(order.code(), "RXNORM"))
                .append("|1||TAB\r");
        m.append("RXR|PO\r");
        return m.toString();
    }

    private StringBuilder header(String type, String controlId, Instant sent) {
        StringBuilder m = new StringBuilder(512);
        m.append("MSH|^~\\&|ADRD-SYNTH|").append(escape(feed)).append("|ADRD-STREAM|ADRD|").append(ts(sent))
                .append("||").append(type).append('|').append(controlId).append("|P|2.5.1\r");
        return m;
    }

    private void pid(StringBuilder m, PatientRecord patient, boolean withDeath) {
        var id = patient.identity();
        var truth = patient.truth();
        // PID-3.4 assigning authority: namespace id & universal id (the MRN system) & its type.
        m.append("PID|1||").append(id.mrn()).append("^^^").append(escape(feed)).append('&')
                .append(PatientIdentity.mrnSystem(feed)).append("&URI^MR||")
                .append(escape(id.familyName())).append('^').append(escape(id.givenName())).append("||")
                .append(truth.birthDate().format(DATE)).append('|').append(truth.sex() == Sex.MALE ? 'M' : 'F')
                .append("|||").append(escape(id.street())).append("^^").append(escape(id.city())).append('^')
                .append(id.state()).append('^').append(id.postalCode());
        LocalDate death = truth.death();
        if (withDeath && death != null && !death.isAfter(truth.enrolmentEnd())) {
            m.append("||||||||||||||||||").append(death.format(DATE)).append("|Y");
        }
        m.append('\r');
    }

    private static void pv1(StringBuilder m, RecordedFact encounter) {
        if (encounter == null) {
            m.append("PV1|1|N\r");
            return;
        }
        m.append("PV1|1|").append(encounter.encounterClass().hl7PatientClass()).append("|||||||||||||||||")
                .append(encounter.recordId()).append("|||||||||||||||||||||||||")
                .append(ts(encounter.time())).append('|').append(ts(encounter.endTime())).append('\r');
    }

    /** DG1 with the fact's record id in DG1-20 (diagnosis identifier) and an action code in DG1-21. */
    private static void dg1(StringBuilder m, int set, RecordedFact diagnosis, String action) {
        m.append("DG1|").append(set).append("||").append(cwe(diagnosis.code(), "I10")).append("||")
                .append(ts(diagnosis.time())).append("|W||||||||||||||").append(diagnosis.recordId()).append('|')
                .append(action).append('\r');
    }

    private static String cwe(ClinicalCode code, String system) {
        return escape(code.value()) + '^' + escape(code.display()) + '^' + system;
    }

    private static String ts(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static String date(Instant instant) {
        return DATE.format(instant.atZone(ZoneOffset.UTC).toLocalDate());
    }

    private static String number(Double value) {
        return value == Math.rint(value) ? Long.toString(value.longValue()) : Double.toString(value);
    }

    /** HL7 escape sequences for the delimiters that could appear in text. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\E\\");
                case '|' -> out.append("\\F\\");
                case '^' -> out.append("\\S\\");
                case '&' -> out.append("\\T\\");
                case '~' -> out.append("\\R\\");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
