package piot.gateway.status;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** A value that goes up and down (a depth, a count of sessions), optionally split by labels. Thread-safe. */
public final class Gauge extends MetricFamily<Gauge.Child> {

    Gauge(String name, String help, List<String> labelNames) {
        super(name, help, labelNames, Child::new);
    }

    /** The gauge for these label values, in the order the label names were registered. */
    public Child labels(String... labelValues) {
        return child(labelValues);
    }

    /** Sets the unlabelled gauge. */
    public void set(double v) {
        child().set(v);
    }

    @Override
    String type() {
        return "gauge";
    }

    @Override
    void renderChild(StringBuilder out, String labels, Child c) {
        out.append(name).append(labels).append(' ').append(number(c.value())).append('\n');
    }

    /** One labelled gauge: either set directly or read from a supplier at scrape time. */
    public static final class Child {
        private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));
        private volatile DoubleSupplier supplier;

        /** Sets the value. */
        public void set(double v) {
            supplier = null;
            bits.set(Double.doubleToLongBits(v));
        }

        /** Adds {@code delta} (may be negative). */
        public void add(double delta) {
            bits.getAndUpdate(b -> Double.doubleToLongBits(Double.longBitsToDouble(b) + delta));
        }

        /** Adds one. */
        public void inc() {
            add(1);
        }

        /** Subtracts one. */
        public void dec() {
            add(-1);
        }

        /** Reads the value from {@code source} at every scrape instead (it must be quick and thread-safe). */
        public void setFunction(DoubleSupplier source) {
            supplier = source;
        }

        /** The current value. */
        public double value() {
            DoubleSupplier s = supplier;
            return s != null ? s.getAsDouble() : Double.longBitsToDouble(bits.get());
        }
    }
}
