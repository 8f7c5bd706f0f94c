package piot.gateway.status;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;

/** A monotonically increasing count, optionally split by labels. Thread-safe. */
public final class Counter extends MetricFamily<Counter.Child> {

    Counter(String name, String help, List<String> labelNames) {
        super(name, help, labelNames, Child::new);
    }

    /** The counter for these label values, in the order the label names were registered. */
    public Child labels(String... labelValues) {
        return child(labelValues);
    }

    /** Adds one to the unlabelled counter. */
    public void inc() {
        child().inc();
    }

    @Override
    String type() {
        return "counter";
    }

    @Override
    void renderChild(StringBuilder out, String labels, Child c) {
        out.append(name).append(labels).append(' ').append(number(c.value())).append('\n');
    }

    /** One labelled counter. */
    public static final class Child {
        private final DoubleAdder value = new DoubleAdder();

        /** Adds one. */
        public void inc() {
            value.add(1);
        }

        /** Adds {@code amount}, which must not be negative. */
        public void inc(double amount) {
            if (amount < 0 || Double.isNaN(amount)) throw new IllegalArgumentException("counter increment must be >= 0: " + amount);
            value.add(amount);
        }

        /** The current count. */
        public double value() {
            return value.sum();
        }
    }
}
