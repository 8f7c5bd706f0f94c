package piot.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simulated hardware: a signal per sensor quantity and scheduled faults. Used only with
 * provider {@code sim} or {@code --sim}.
 *
 * @param speed simulated seconds per real second
 * @param signals sensor id to (quantity name to signal); a quantity without one gets the driver's default
 */
public record SimulationConfig(long seed, double speed, Map<String, Map<String, Signal>> signals, List<Fault> faults) {
    public SimulationConfig {
        signals = Map.copyOf(signals);
        faults = List.copyOf(faults);
    }

    /** How one simulated quantity changes over simulated time. */
    public sealed interface Signal {
        /** Always {@code value}. */
        record Constant(double value) implements Signal {}

        /** From {@code from} to {@code to} linearly over {@code over}, then holds at {@code to}. */
        record Ramp(double from, double to, Duration over) implements Signal {}

        /** {@code mean + amplitude·sin(2πt/period)} plus gaussian noise of stddev {@code noise}. */
        record Sine(double mean, double amplitude, Duration period, double noise) implements Signal {}

        /** Linear between points (times strictly increasing from the first), repeating after the last. */
        record Series(List<Point> points) implements Signal {
            public Series {
                points = List.copyOf(points);
            }
        }

        /** One point of a series. */
        record Point(Duration at, double value) {}

        /** GPIO level: high for {@code width} each {@code period}; {@code bounce} chatter edges at each change. */
        record Pulse(Duration period, Duration width, int bounce) implements Signal {}
    }

    /**
     * A fault on sensor {@code device} from {@code at} (simulated time) for {@code duration}
     * (empty = for good); {@code rate} is the failure probability of {@code intermittent}.
     */
    public record Fault(String device, Kind fault, Duration at, Optional<Duration> duration, double rate) {
        /** Fault kinds the simulated devices can show. */
        public enum Kind { NACK, ABSENT, STUCK, WRONG_CHIP_ID, CRC, INTERMITTENT, HANG }
    }
}
