package piot.gateway.status;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * A small metrics registry rendered in the Prometheus text exposition format 0.0.4 at
 * {@code GET /metrics}. Registering a name again with the same type and labels returns the
 * existing metric; with a different type or labels it is an {@link IllegalArgumentException}.
 * The names piot uses are in {@link PiotMetrics} and docs/http-api.md.
 */
public final class Metrics {
    /** The content type of {@link #render()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, MetricFamily<?>> families = new ConcurrentSkipListMap<>();

    /** Registers (or finds) a counter. */
    public Counter counter(String name, String help, String... labelNames) {
        return register(name, Counter.class, n -> new Counter(n, help, List.of(labelNames)), labelNames);
    }

    /** Registers (or finds) a gauge. */
    public Gauge gauge(String name, String help, String... labelNames) {
        return register(name, Gauge.class, n -> new Gauge(n, help, List.of(labelNames)), labelNames);
    }

    /** Registers (or finds) a histogram with fixed bucket upper bounds (strictly increasing). */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return register(name, Histogram.class, n -> new Histogram(n, help, buckets, List.of(labelNames)), labelNames);
    }

    private <F extends MetricFamily<?>> F register(String name, Class<F> type, Function<String, F> make, String[] labelNames) {
        MetricFamily<?> f = families.computeIfAbsent(name, make);
        if (!type.isInstance(f) || !f.labelNames.equals(List.of(labelNames))) {
            throw new IllegalArgumentException("metric " + name + " is already registered as a " + f.type() + " with labels " + f.labelNames);
        }
        return type.cast(f);
    }

    /** Every metric in the text format 0.0.4, sorted by name. */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        for (MetricFamily<?> f : families.values()) f.render(out);
        return out.toString();
    }
}
