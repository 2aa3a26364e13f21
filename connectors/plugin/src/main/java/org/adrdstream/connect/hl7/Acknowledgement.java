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
 * sender and receiver swapped, MSA with the code and the control id it answers, and for AE and AR MSA-3
 * saying why, repeated in an ERR segment for versions 2.5 and later (earlier ERR segments have no such fields). Read
 * from the raw text, so even a message HAPI could not parse gets a proper answer naming its control id. Standard
 * delimiters; reasons escaped, so they cannot break the answer.
 */
final class Acknowledgement {

    /** MSA-1: accepted, error (send again), rejected (do not send again). */
    enum Code { AA, AE, AR }

    /** MSH-11 and MSH-12 are echoed when they are values HL7 defines (a broken header must not break the answer). */
    private static final Pattern PROCESSING_IDS = Pattern.compile("[PDT]");
    private static final Pattern VERSIONS = Pattern.compile("2\\.[1-8](\\.1)?");
    /** Versions whose ERR segment has ERR-3 and ERR-8; earlier ones (ERR-1 only) get the reason in MSA-3 alone. */
    private static final Pattern VERSIONS_WITH_ERR_FIELDS = Pattern.compile("2\\.[5-8](\\.1)?");
    private static final EncodingCharacters STANDARD = EncodingCharacters.defaultInstance();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'+0000'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    /**
     * MSH-10 of our answers: the listener's start in seconds and a sequence, both base 36 (at most 20
     * characters, as HL7 allows, for years of answers), so a sender's log can tell answers apart.
     */
    private final String idPrefix;
    private final AtomicLong sequence = new AtomicLong();

    Acknowledgement(Clock clock) {
        this.clock = clock;
        this.idPrefix = "A" + base36(clock.millis() / 1000) + "-";
    }

    private static String base36(long value) {
        return Long.toString(value, 36).toUpperCase(java.util.Locale.ROOT);
    }

    /** AA: every record of the message is in Kafka. */
    String accepted(Header header) {
        return answer(header, Code.AA, null);
    }

    /** The answer with {@code code}; {@code reason} (AE and AR) goes into MSA-3 and ERR-8. */
    String answer(Header header, Code code, String reason) {
        StringBuilder ack = new StringBuilder(256)
                .append("MSH|^~\\&|").append(header.field(5)).append('|').append(header.field(6)).append('|')
                .append(header.field(3)).append('|').append(header.field(4)).append('|')
                .append(TIME.format(clock.instant())).append("||ACK");
        String trigger = header.component(9, 2);
        if (!trigger.isEmpty()) {
            ack.append('^').append(trigger).append("^ACK");
        }
        String processing = header.component(11, 1);
        String version = header.component(12, 1);
        version = VERSIONS.matcher(version).matches() ? version : "2.5.1";
        ack.append('|').append(idPrefix).append(base36(sequence.incrementAndGet()))
                .append('|').append(PROCESSING_IDS.matcher(processing).matches() ? processing : "P")
                .append('|').append(version).append('\r')
                .append("MSA|").append(code).append('|').append(header.field(10));
        if (reason != null && code != Code.AA) {
            String text = escaped(reason);
            ack.append('|').append(text);
            if (VERSIONS_WITH_ERR_FIELDS.matcher(version).matches()) {
                // HL7 table 0357 has no code for "unusable content"; 207 is what HAPI's own answers used
                ack.append('\r').append("ERR|||207^Application internal error^HL70357|E||||").append(text);
            }
        }
        return ack.append('\r').toString();
    }

    /** Text as HL7 with the standard delimiters escaped (HAPI's escaping); line breaks become spaces. */
    static String escaped(String text) {
        return Escape.escape(text.replace('\r', ' ').replace('\n', ' '), STANDARD);
    }

    /**
     * The MSH fields of a raw message, by HL7 number (MSH-1 is the field separator itself), re-delimited in the
     * standard characters: the sender's components and subcomponents kept (an HD such as
     * {@code LAB^2.16.840.1.113883.19^ISO} stays three components), their text unescaped with the sender's
     * escape character and escaped again with ours. Missing fields are empty.
     */
    record Header(String[] fields, EncodingCharacters sender) {

        private static final Header NONE = new Header(new String[0], STANDARD);

        static Header of(String message) {
            int end = message == null ? -1 : message.indexOf('\r');
            String msh = end < 0 ? message : message.substring(0, end);
            if (msh == null || msh.length() < 8 || !msh.startsWith("MSH")) {
                return NONE;
            }
            String[] fields = split(msh, msh.charAt(3));
            return new Header(fields, encoding(msh.charAt(3), fields[1]));
        }

        /** The sender's delimiters from MSH-1 and MSH-2, standard ones for what MSH-2 lacks. */
        private static EncodingCharacters encoding(char field, String declared) {
            String standard = "^~\\&";
            char[] chars = new char[4];
            for (int i = 0; i < 4; i++) {
                chars[i] = i < declared.length() ? declared.charAt(i) : standard.charAt(i);
            }
            return new EncodingCharacters(field, chars[0], chars[1], chars[2], chars[3]);
        }

        /** MSH-n in the standard delimiters; "" when absent. */
        String field(int number) {
            String[] components = split(raw(number), sender.getComponentSeparator());
            StringBuilder out = new StringBuilder();
            for (int c = 0; c < components.length; c++) {
                String[] subcomponents = split(components[c], sender.getSubcomponentSeparator());
                for (int s = 0; s < subcomponents.length; s++) {
                    out.append(c > 0 && s == 0 ? "^" : s > 0 ? "&" : "").append(text(subcomponents[s]));
                }
            }
            return out.toString();
        }

        /** Component {@code component} (1-based) of MSH-n in the standard delimiters. */
        String component(int number, int component) {
            String[] parts = split(raw(number), sender.getComponentSeparator());
            return component <= parts.length ? text(parts[component - 1]) : "";
        }

        /** The control id (MSH-10) as sent, for dead letters; "unknown" when the header has none. */
        String controlId() {
            String id = raw(10);
            return id.isBlank() ? "unknown" : id;
        }

        private String text(String sent) {
            return escaped(Escape.unescape(sent, sender));
        }

        /** {@code value} cut at every {@code separator}, empty parts kept (no regular expression: once per field). */
        private static String[] split(String value, char separator) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            int start = 0;
            for (int end = value.indexOf(separator); end >= 0; end = value.indexOf(separator, start)) {
                parts.add(value.substring(start, end));
                start = end + 1;
            }
            parts.add(value.substring(start));
            return parts.toArray(String[]::new);
        }

        private String raw(int number) {
            return number >= 2 && number - 1 < fields.length ? fields[number - 1] : "";
        }
    }
}
