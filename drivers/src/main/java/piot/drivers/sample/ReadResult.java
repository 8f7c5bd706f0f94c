package piot.drivers.sample;

import java.util.List;

/** What one read of a sensor gave: values, or a failure with a message saying what failed. */
public sealed interface ReadResult {
    record Values(List<Value> values) implements ReadResult {
        public Values {
            values = List.copyOf(values);
        }
    }

    record Failed(String message) implements ReadResult {
    }

    static ReadResult failed(String message) {
        return new Failed(message);
    }
}
