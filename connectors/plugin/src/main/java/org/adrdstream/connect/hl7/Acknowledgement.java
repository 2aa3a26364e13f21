package org.adrdstream.connect.hl7;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escape;

/**
 * HL7 v2 acknowledgements (original mode) written as text from the received message's header: MSH with
 * sender and receiver swapped, MSA with the code and the control id it answers, and for AE and AR an ERR
 * segment and MSA-3 saying why. Read from the raw text, so even a message HAPI could not parse gets a proper
 * answer naming its control id. Standard delimiters; reasons escaped, so they cannot break the answer.
 */
final class Acknowledgement {

    /** MSA-1: accepted, error (send again), rejected (do not send again). */
    enum Code { AA, AE, AR }

    /** MSH-11 and MSH-12 are echoed when they are values HL7 defines (a broken header must not break the answer). */
    private static final Pattern PROCESSING_IDS = Pattern.compile("[PDT]");
    private static final Pattern VERSIONS = Pattern.compile("2\\.[1-8](\\.1)?");
    private static final EncodingCharacters STANDARD = EncodingCharacters.defaultInstance();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;
    /** MSH-10 of our answers: unique per listener start, so a sender's log can tell answers apart. */
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();

    Acknowledgement(Clock clock) {
        this.clock = clock;
        this.idPrefix = "ADRD" + Long.toString(clock.millis(), 36).toUpperCase(java.util.Locale.ROOT) + "-";
    }

    /** AA: every record of the message is in Kafka. */
    String accepted(String message) {
        return answer(message, Code.AA, null);
    }

    /** The answer with {@code code}; {@code reason} (AE and AR) goes into MSA-3 and ERR-8. */
    String answer(String message, Code code, String reason) {
        Header header = Header.of(message);
        StringBuilder ack = new StringBuilder(256)
                .append("MSH|^~\\&|").append(header.field(5)).append('|').append(header.field(6)).append('|')
                .append(header.field(3)).append('|').append(header.field(4)).append('|')
                .append(TIME.format(clock.instant())).append("||ACK");
        String trigger = header.component(9, 2);
        if (!trigger.isEmpty()) {
            ack.append('^').append(trigger).append("^ACK");
        }
        ack.append('|').append(idPrefix).append(sequence.incrementAndGet())
                .append('|').append(PROCESSING_IDS.matcher(header.field(11)).matches() ? header.field(11) : "P")
                .append('|').append(VERSIONS.matcher(header.field(12)).matches() ? header.field(12) : "2.5.1").append('\r')
                .append("MSA|").append(code).append('|').append(header.field(10));
        if (reason != null && code != Code.AA) {
            String text = escaped(reason);
            ack.append('|').append(text).append('\r')
                    // HL7 table 0357 has no code for "unusable content"; 207 is what HAPI's own answers used
                    .append("ERR|||207^Application internal error^HL70357|E||||").append(text);
        }
        return ack.append('\r').toString();
    }

    /** Text as HL7 with the standard delimiters escaped (HAPI's escaping); line breaks become spaces. */
    static String escaped(String text) {
        return Escape.escape(text.replace('\r', ' ').replace('\n', ' '), STANDARD);
    }

    /**
     * The MSH fields of a raw message, by HL7 number (MSH-1 is the field separator itself), each escaped as
     * text, because the sender's delimiters may differ from ours. Missing fields are empty.
     */
    record Header(String[] fields, char componentSeparator) {

        private static final Header NONE = new Header(new String[0], '^');

        static Header of(String message) {
            int end = message == null ? -1 : message.indexOf('\r');
            String msh = end < 0 ? message : message.substring(0, end);
            if (msh == null || msh.length() < 8 || !msh.startsWith("MSH")) {
                return NONE;
            }
            return new Header(msh.split(Pattern.quote(String.valueOf(msh.charAt(3))), -1), msh.charAt(4));
        }

        /** MSH-n, escaped; "" when absent. */
        String field(int number) {
            return escaped(raw(number));
        }

        /** Component {@code component} (1-based) of MSH-n, escaped. */
        String component(int number, int component) {
            String[] parts = raw(number).split(Pattern.quote(String.valueOf(componentSeparator)), -1);
            return component <= parts.length ? escaped(parts[component - 1]) : "";
        }

        /** The control id (MSH-10) as sent, for dead letters; "unknown" when the header has none. */
        String controlId() {
            String id = raw(10);
            return id.isBlank() ? "unknown" : id;
        }

        private String raw(int number) {
            return number >= 2 && number - 1 < fields.length ? fields[number - 1] : "";
        }
    }
}
