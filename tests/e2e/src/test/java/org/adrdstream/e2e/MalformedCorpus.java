package org.adrdstream.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The malformed-input corpus under {@code src/test/resources/malformed} (its README says what is in it), read
 * into cases numbered so that every case's records can be told apart: FHIR from 1000, HL7 from 2000, OMOP from
 * 3000, Avro from 4000.
 */
final class MalformedCorpus {

    /** One malformed input: its number, its name in the corpus, the OMOP table it belongs to, its text. */
    record Case(int number, String name, String table, String text) {
        @Override
        public String toString() {
            return number + " " + name;
        }
    }

    final List<Case> fhir = read("fhir.cases", 1000, false);
    final List<Case> hl7 = read("hl7.cases", 2000, false);
    final List<Case> omop = read("omop.cases", 3000, true);
    final List<Case> avro = read("avro.cases", 4000, false);

    int size() {
        return fhir.size() + hl7.size() + omop.size() + avro.size();
    }

    /** An HL7 case as it goes over MLLP: segments separated by carriage returns. */
    static String hl7Message(Case c) {
        return c.text().replace('¶', '\r');
    }

    /** An Avro case's bytes, with the registered id and (parts of) a valid event put in. */
    static byte[] avroBytes(Case c, int schemaId, byte[] event) {
        HexFormat hex = HexFormat.of();
        String text = c.text().replace("{ID}", String.format("%08x", schemaId));
        StringBuilder expanded = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int start = text.indexOf("{EVENT", at);
            if (start < 0) {
                expanded.append(text.substring(at));
                break;
            }
            int end = text.indexOf('}', start);
            expanded.append(text, at, start);
            String spec = text.substring(start + 1, end);
            int length = spec.contains(":") ? Integer.parseInt(spec.substring(spec.indexOf(':') + 1)) : event.length;
            expanded.append(hex.formatHex(event, 0, Math.min(length, event.length)));
            at = end + 1;
        }
        return hex.parseHex(expanded.toString());
    }

    private static List<Case> read(String file, int firstNumber, boolean withTable) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = MalformedCorpus.class.getResourceAsStream("/malformed/" + file)) {
            if (in == null) {
                throw new IllegalStateException("corpus file malformed/" + file + " is missing from the test resources");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", withTable ? 3 : 2);
                int number = firstNumber + cases.size();
                String text = parts.length > (withTable ? 2 : 1) ? parts[withTable ? 2 : 1] : "";
                cases.add(new Case(number, parts[0], withTable ? parts[1] : null,
                        text.replace("{N}", Integer.toString(number))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
