package piot.gateway.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as device files write them: a whole number and {@code B KB MB GB} (powers of 1024). */
public final class ByteSizes {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})(B|KB|MB|GB)");

    private ByteSizes() {}

    /** The number of bytes {@code text} denotes, or empty when it is not a size. */
    public static Optional<Long> parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "B" -> 0;
            case "KB" -> 10;
            case "MB" -> 20;
            default -> 30;
        };
        return Optional.of(n << shift);
    }
}
