package piot.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, located access to one mapping of a device file. Each accessor records a problem for a
 * missing, mistyped or out-of-range value and returns a default or empty, so one pass finds every
 * problem in the file.
 */
final class Fields {
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    static final String ID_RULE = "a name of 1-32 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'";
    static final String DURATION_RULE = "a duration like 500ms, 10s, 5m, 1h or 7d";

    private final YamlNode.Mapping map;
    private final String where;
    private final Problems problems;

    private Fields(YamlNode.Mapping map, String where, Problems problems) {
        this.map = map;
        this.where = where;
        this.problems = problems;
    }

    /**
     * Fields of {@code node}, which must be a mapping with only {@code allowed} keys; unknown keys
     * are reported with the closest allowed one. {@code what} names it in messages ("sensor 'air'").
     */
    static Optional<Fields> of(YamlNode node, String what, Problems problems, List<String> allowed) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.at(node, what + " must be a mapping of keys, not " + node.describe());
            return Optional.empty();
        }
        for (YamlNode.Entry e : m.entries()) {
            if (!allowed.contains(e.key())) {
                problems.at(e, "unknown key '" + e.key() + "' in " + what + Suggestions.hint(e.key(), allowed));
            }
        }
        return Optional.of(new Fields(m, what, problems));
    }

    static Optional<Fields> of(YamlNode node, String what, Problems problems, String... allowed) {
        return of(node, what, problems, Arrays.asList(allowed));
    }

    YamlNode.Mapping node() {
        return map;
    }

    String what() {
        return where;
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return map.entry(key).isPresent();
    }

    Optional<YamlNode> raw(String key) {
        return map.entry(key).map(YamlNode.Entry::value);
    }

    /** Reports {@code key} as missing when it is. */
    boolean require(String key) {
        if (has(key)) {
            return true;
        }
        problems.at(map, "missing required key '" + key + "' in " + where);
        return false;
    }

    void wrong(YamlNode value, String key, String expected) {
        problems.at(value, "'" + key + "' in " + where + " must be " + expected + ", not " + value.describe());
    }

    /** A scalar converted by {@code convert}; empty (and a problem) when absent-but-required or unconvertible. */
    <T> Optional<T> scalar(String key, boolean required, String expected, Function<YamlNode.Scalar, Optional<T>> convert) {
        Optional<YamlNode> raw = raw(key);
        if (raw.isEmpty()) {
            if (required) {
                require(key);
            }
            return Optional.empty();
        }
        YamlNode value = raw.get();
        Optional<T> result = value instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL
                ? convert.apply(s) : Optional.empty();
        if (result.isEmpty()) {
            wrong(value, key, expected);
        }
        return result;
    }

    Optional<String> text(String key, boolean required) {
        return scalar(key, required, "text", s -> s.kind() == YamlNode.Kind.STRING && !s.text().isEmpty()
                ? Optional.of(s.text()) : Optional.empty());
    }

    Optional<String> id(String key, boolean required) {
        return scalar(key, required, ID_RULE, s -> s.kind() == YamlNode.Kind.STRING && ID.matcher(s.text()).matches()
                ? Optional.of(s.text()) : Optional.empty());
    }

    Optional<Long> integer(String key, boolean required, long min, long max) {
        String expected = "a whole number from " + min + " to " + max;
        return scalar(key, required, expected, s -> wholeNumber(s).filter(v -> v >= min && v <= max));
    }

    int integer(String key, int min, int max, int fallback) {
        return integer(key, false, min, max).map(Long::intValue).orElse(fallback);
    }

    Optional<Double> number(String key, boolean required, double min, double max) {
        String expected = "a number from " + plain(min) + " to " + plain(max);
        return scalar(key, required, expected, s -> anyNumber(s).filter(v -> v >= min && v <= max));
    }

    Optional<Double> number(String key, boolean required) {
        return scalar(key, required, "a number", Fields::anyNumber);
    }

    boolean bool(String key, boolean fallback) {
        // YAML 1.1 readers (SnakeYAML, so Jackson) resolve yes/no/on/off as booleans too; honour what they mean.
        return scalar(key, false, "true or false", s -> s.kind() != YamlNode.Kind.BOOL ? Optional.empty()
                : switch (s.text().toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> Optional.of(true);
                    case "false", "no", "off", "n" -> Optional.of(false);
                    default -> Optional.empty();
                }).orElse(fallback);
    }

    Optional<Duration> duration(String key, boolean required, Duration min, Duration max) {
        String range = " from " + Durations.format(min) + " to " + Durations.format(max);
        Optional<YamlNode> raw = raw(key);
        Optional<Duration> parsed = scalar(key, required, DURATION_RULE, s -> Durations.parse(s.text()));
        if (parsed.isPresent() && (parsed.get().compareTo(min) < 0 || parsed.get().compareTo(max) > 0)) {
            problems.at(raw.orElseThrow(), "'" + key + "' in " + where + " must be" + range + ", not " + ((YamlNode.Scalar) raw.get()).text());
            return Optional.empty();
        }
        return parsed;
    }

    Duration duration(String key, Duration min, Duration max, Duration fallback) {
        return duration(key, false, min, max).orElse(fallback);
    }

    <E> Optional<E> choice(String key, boolean required, Map<String, E> options) {
        String expected = "one of " + String.join(", ", options.keySet());
        return scalar(key, required, expected, s -> Optional.ofNullable(options.get(s.text())));
    }

    /** One of an enum's constants, written in lowercase with '-' for '_' ({@code DROP_OLDEST} is {@code drop-oldest}). */
    <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
        Map<String, E> options = new java.util.LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            options.put(e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), e);
        }
        return choice(key, false, options);
    }

    Optional<HostPort> hostPort(String key, boolean required) {
        return scalar(key, required, "host:port with a port from 0 to 65535 (e.g. 127.0.0.1:7420)",
                s -> s.kind() == YamlNode.Kind.STRING ? HostPort.parse(s.text()) : Optional.empty());
    }

    /** A list of ids, checked for form and repetition. */
    List<String> ids(String key) {
        Optional<YamlNode> raw = raw(key);
        if (raw.isEmpty()) {
            return List.of();
        }
        if (!(raw.get() instanceof YamlNode.Sequence seq)) {
            wrong(raw.get(), key, "a list of names");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (item instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING && ID.matcher(s.text()).matches()) {
                if (out.contains(s.text())) {
                    problems.at(item, "'" + s.text() + "' is listed twice in '" + key + "' of " + where);
                } else {
                    out.add(s.text());
                }
            } else {
                problems.at(item, "entries of '" + key + "' in " + where + " must be " + ID_RULE + ", not " + item.describe());
            }
        }
        return out;
    }

    /** The list under {@code key}; empty list when absent, a problem when not a list. */
    List<YamlNode> list(String key) {
        Optional<YamlNode> raw = raw(key);
        if (raw.isEmpty() || raw.get() instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL) {
            return List.of();
        }
        if (raw.get() instanceof YamlNode.Sequence seq) {
            return seq.items();
        }
        wrong(raw.get(), key, "a list");
        return List.of();
    }

    /** The mapping under {@code key} as fields, when present. */
    Optional<Fields> section(String key, String what, String... allowed) {
        return raw(key).flatMap(node -> of(node, what, problems, allowed));
    }

    static Optional<Long> wholeNumber(YamlNode.Scalar s) {
        if (s.kind() != YamlNode.Kind.INT) {
            return Optional.empty();
        }
        String t = s.text().replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (t.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        }
        try {
            long v = Long.parseLong(t, radix);
            return Optional.of(negative ? -v : v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Double> anyNumber(YamlNode.Scalar s) {
        if (s.kind() == YamlNode.Kind.INT) {
            return wholeNumber(s).map(Long::doubleValue);
        }
        if (s.kind() != YamlNode.Kind.FLOAT) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(s.text().replace("_", ""));
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
