package org.adrdstream.testkit.fuzz;

import java.util.List;

import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generators of malformed inputs for property-based tests (QuickTheories): valid samples broken the ways feeds
 * break them (cut short, a span lost or repeated, hostile tokens spliced in, stray characters), so that many
 * inputs still get past the first parser and reach the mapping code behind it. Draws go through QuickTheories'
 * randomness source, so a failure shrinks towards fewer and smaller changes and reports its seed.
 */
public final class MalformedInputs {

    /** Empty and null-like values, absurd numbers and dates, markup, control and non-ASCII characters, a 10k run. */
    public static final List<String> HOSTILE = List.of("", " ", "null", "\"\"", "-1", "0", "1e309", "-1e309", "NaN",
            "Infinity", "99999999999999999999999", "-0.0", "2200-01-01", "1800-01-01", "0000-00-00", "2020-13-45",
            "20201345", "2024-02-30T25:61:61Z", "{}", "[]", "{\"a\":", "]", "\\", "\"", "'", ",", ";", "\r", "\n", "\t",
            "\u0000", "\u001b", "\uFFFF", "\uFFFD", "é", "\uD835\uDD04", "x".repeat(10_000));

    /** Property runs per check unless {@code -Dadrd.fuzz.examples=N} says otherwise. */
    public static final int DEFAULT_EXAMPLES = 300;

    private MalformedInputs() {
    }

    /**
     * The theory runner for fuzzing: a fixed seed, so CI runs are reproducible ({@code -Dadrd.fuzz.seed=N} for
     * another), and {@link #DEFAULT_EXAMPLES} examples ({@code -Dadrd.fuzz.examples=N} for more).
     */
    public static QuickTheory theory() {
        long seed = Long.getLong("adrd.fuzz.seed", 20261126L);
        return QuickTheory.qt().withFixedSeed(seed).withExamples(Integer.getInteger("adrd.fuzz.examples", DEFAULT_EXAMPLES));
    }

    /**
     * One of {@code samples} with one to four changes: truncation, deletion, duplication, a hostile token or one
     * of {@code specials} (the format's own delimiters, e.g. {@code "|^~\\&"} for HL7 v2) spliced in.
     */
    public static Gen<String> mutationsOf(List<String> samples, String specials) {
        return in -> {
            String text = samples.get(draw(in, 0, samples.size() - 1));
            int changes = draw(in, 1, 4);
            for (int i = 0; i < changes; i++) {
                text = change(text, in, specials);
            }
            return text;
        };
    }

    /** Text of random characters, from the format's specials, hostile tokens and plain ASCII. */
    public static Gen<String> noise(String specials) {
        return in -> {
            StringBuilder text = new StringBuilder();
            int parts = draw(in, 0, 20);
            for (int i = 0; i < parts; i++) {
                text.append(token(in, specials));
            }
            return text.toString();
        };
    }

    /** Arbitrary bytes, 0 to {@code maxLength} of them. */
    public static Gen<byte[]> bytes(int maxLength) {
        return in -> {
            byte[] bytes = new byte[draw(in, 0, maxLength)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) draw(in, -128, 127);
            }
            return bytes;
        };
    }

    /** A whole number in {@code [min, max]} drawn from {@code in}. */
    public static int draw(RandomnessSource in, int min, int max) {
        return (int) in.next(Constraint.between(min, max));
    }

    private static String change(String text, RandomnessSource in, String specials) {
        int length = text.length();
        int at = draw(in, 0, length);
        int end = Math.min(length, at + draw(in, 0, 12));
        return switch (draw(in, 0, 4)) {
            case 0 -> text.substring(0, at);                                   // cut short
            case 1 -> text.substring(0, at) + text.substring(end);             // a span lost
            case 2 -> text.substring(0, end) + text.substring(at);             // a span repeated
            case 3 -> text.substring(0, at) + token(in, specials) + text.substring(end); // a span replaced
            default -> text.substring(0, at) + token(in, specials) + text.substring(at); // something inserted
        };
    }

    private static String token(RandomnessSource in, String specials) {
        if (!specials.isEmpty() && draw(in, 0, 2) == 0) {
            return String.valueOf(specials.charAt(draw(in, 0, specials.length() - 1)));
        }
        if (draw(in, 0, 1) == 0) {
            return HOSTILE.get(draw(in, 0, HOSTILE.size() - 1));
        }
        return String.valueOf((char) draw(in, 32, 126));
    }
}
