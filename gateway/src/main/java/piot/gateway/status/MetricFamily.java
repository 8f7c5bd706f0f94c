package piot.gateway.status;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** A named metric with label names and one child per label-value combination. */
abstract sealed class MetricFamily<C> permits Counter, Gauge, Histogram {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    final String name;
    final String help;
    final List<String> labelNames;
    private final Map<List<String>, C> children = new ConcurrentHashMap<>();
    private final Supplier<C> newChild;

    MetricFamily(String name, String help, List<String> labelNames, Supplier<C> newChild) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad metric name: " + name);
        for (String l : labelNames) {
            if (!LABEL.matcher(l).matches() || l.startsWith("__") || l.equals("le")) {
                throw new IllegalArgumentException("bad label name for " + name + ": " + l);
            }
        }
        if (labelNames.stream().distinct().count() != labelNames.size()) {
            throw new IllegalArgumentException("duplicate label name for " + name);
        }
        this.name = name;
        this.help = Objects.requireNonNull(help, "help");
        this.labelNames = List.copyOf(labelNames);
        this.newChild = newChild;
    }

    /** The metric's name, e.g. {@code piot_holding_dropped_total}. */
    public String name() {
        return name;
    }

    abstract String type();

    abstract void renderChild(StringBuilder out, String labels, C child);

    /** The child for these label values (created on first use), in label-name order. */
    final C child(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + labelValues.length + " values");
        }
        for (String v : labelValues) Objects.requireNonNull(v, "label value");
        return children.computeIfAbsent(List.of(labelValues), k -> newChild.get());
    }

    final void render(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type()).append('\n');
        children.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> String.join("\0", a).compareTo(String.join("\0", b))))
                .forEach(e -> renderChild(out, labels(e.getKey()), e.getValue()));
    }

    private String labels(List<String> values) {
        if (values.isEmpty()) return "";
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) b.append(',');
            b.append(labelNames.get(i)).append("=\"").append(escapeLabel(values.get(i))).append('"');
        }
        return b.append('}').toString();
    }

    /** Adds one more label pair (the histogram's {@code le}) to a rendered label set. */
    static String withLabel(String labels, String name, String value) {
        String pair = name + "=\"" + value + "\"";
        return labels.isEmpty() ? "{" + pair + "}" : labels.substring(0, labels.length() - 1) + "," + pair + "}";
    }

    static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Go-style float text as the Prometheus parser reads it; integral values without a fraction. */
    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
