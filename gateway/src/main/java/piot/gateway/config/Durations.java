package piot.gateway.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as device files write them: a whole number and a unit, {@code ms s m h d}
 * ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 7d}); a bare {@code 0} is zero.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");
    private static final long MAX_DAYS = 3650;

    private Durations() {}

    /** The duration {@code text} denotes, or empty when it is not one (or exceeds ten years). */
    public static Optional<Duration> parse(String text) {
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(Math.min(n, MAX_DAYS * 24 * 60 + 1));
            case "h" -> Duration.ofHours(Math.min(n, MAX_DAYS * 24 + 1));
            default -> Duration.ofDays(Math.min(n, MAX_DAYS + 1));
        };
        return d.compareTo(Duration.ofDays(MAX_DAYS)) > 0 ? Optional.empty() : Optional.of(d);
    }

    /** The shortest text {@link #parse} reads back as {@code d}; {@code d} must be whole milliseconds. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
