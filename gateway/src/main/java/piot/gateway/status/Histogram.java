package piot.gateway.status;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Observations counted into fixed buckets (upper bounds), plus their sum and count. Thread-safe. */
public final class Histogram extends MetricFamily<Histogram.Child> {
    /** Default latency buckets in seconds, from 1 ms to 60 s. */
    public static final double[] LATENCY_SECONDS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final double[] bounds;

    Histogram(String name, String help, double[] bounds, List<String> labelNames) {
        super(name, help, labelNames, () -> new Child(bounds));
        if (bounds.length == 0) throw new IllegalArgumentException(name + ": a histogram needs at least one bucket");
        for (int i = 0; i < bounds.length; i++) {
            if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException(name + ": buckets must be finite and strictly increasing");
            }
        }
        this.bounds = bounds.clone();
    }

    /** The histogram for these label values, in the order the label names were registered. */
    public Child labels(String... labelValues) {
        return child(labelValues);
    }

    /** Records one observation in the unlabelled histogram. */
    public void observe(double v) {
        child().observe(v);
    }

    @Override
    String type() {
        return "histogram";
    }

    @Override
    void renderChild(StringBuilder out, String labels, Child c) {
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += c.counts[i].sum();
            out.append(name).append("_bucket").append(withLabel(labels, "le", number(bounds[i])))
                    .append(' ').append(cumulative).append('\n');
        }
        cumulative += c.counts[bounds.length].sum();
        out.append(name).append("_bucket").append(withLabel(labels, "le", "+Inf")).append(' ').append(cumulative).append('\n');
        out.append(name).append("_sum").append(labels).append(' ').append(number(c.sum.sum())).append('\n');
        out.append(name).append("_count").append(labels).append(' ').append(cumulative).append('\n');
    }

    /** One labelled histogram. */
    public static final class Child {
        private final double[] bounds;
        private final LongAdder[] counts;
        private final DoubleAdder sum = new DoubleAdder();

        Child(double[] bounds) {
            this.bounds = bounds;
            counts = new LongAdder[bounds.length + 1];
            for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
        }

        /** Records one observation (e.g. a latency in seconds). */
        public void observe(double v) {
            int i = Arrays.binarySearch(bounds, v);
            int bucket = i >= 0 ? i : -i - 1;
            counts[bucket].increment();
            sum.add(v);
        }

        /** Observations so far. */
        public long count() {
            long n = 0;
            for (LongAdder c : counts) n += c.sum();
            return n;
        }
    }
}
