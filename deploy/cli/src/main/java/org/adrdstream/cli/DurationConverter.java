package org.adrdstream.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people write them on a command line: {@code 500ms}, {@code 90s}, {@code 15m}, {@code 12h},
 * {@code 365d}, or ISO-8601 ({@code PT90S}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value);
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative: a duration here is a length of time");
        }
        return duration;
    }

    private static Duration parse(String value) {
        Matcher matcher = AMOUNT.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: write a whole number with ms, s, m, "
                    + "h or d (e.g. 365d, 12h), or ISO-8601 (e.g. PT90S)");
        }
    }
}
