package io.facenetstreams.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of value an option takes, as the services' configuration reads it: parsing gives one canonical
 * spelling, so that {@code 0.20} and {@code 0.2}, or {@code 10m} and {@code PT10M}, compare equal.
 */
public enum OptionType {
    INTEGER("integer"),
    DECIMAL("number"),
    BOOLEAN("true|false"),
    TEXT("text"),
    PATH("path"),
    /** Quarkus's spelling: a number and a unit (ms, s, m, h, d), or ISO-8601 ({@code PT10M}). */
    DURATION("duration");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String label;

    OptionType(String label) {
        this.label = label;
    }

    /** How the doc names the type. */
    public String label() {
        return label;
    }

    /** The value's canonical spelling; an IllegalArgumentException when it is not a value of this type. */
    public String canonical(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        String v = value.trim();
        try {
            return switch (this) {
                case INTEGER -> Long.toString(Long.parseLong(v));
                case DECIMAL -> Double.toString(Double.parseDouble(v));
                case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "false" -> v.toLowerCase(Locale.ROOT);
                    default -> throw new IllegalArgumentException("not true or false: '" + value + "'");
                };
                case TEXT -> v;
                case PATH -> v.contains("${") ? v : Path.of(v).toString();
                case DURATION -> duration(v).toString();
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("not a " + label + ": '" + value + "'", e);
        }
    }

    private static Duration duration(String v) {
        Matcher m = SHORT_DURATION.matcher(v);
        if (!m.matches()) {
            return Duration.parse(v);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
