package piot.drivers.sim;

import java.time.Duration;

/**
 * A fault window on a simulated device.
 *
 * @param device   the sensor id whose device misbehaves
 * @param at       start, in simulated time since the simulator started
 * @param duration how long it lasts; {@code null} = until {@link Simulator#clearFaults}
 * @param rate     intermittent only: probability 0..1 that one transfer fails
 */
public record FaultSpec(String device, FaultKind kind, Duration at, Duration duration, double rate) {
    public FaultSpec {
        if (device == null || device.isEmpty()) {
            throw new IllegalArgumentException("fault needs a device id");
        }
        if (kind == null) {
            throw new IllegalArgumentException("fault on " + device + " needs a kind");
        }
        if (at == null || at.isNegative()) {
            throw new IllegalArgumentException("fault on " + device + ": at " + at + " must be >= 0");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("fault on " + device + ": for " + duration + " must be positive");
        }
        if (kind == FaultKind.INTERMITTENT ? !(rate > 0 && rate <= 1) : rate != 0) {
            throw new IllegalArgumentException("fault on " + device + ": rate " + rate
                    + (kind == FaultKind.INTERMITTENT ? " must be in (0, 1]" : " is for intermittent faults only"));
        }
    }

    boolean activeAt(long simNanos) {
        long start = at.toNanos();
        return simNanos >= start && (duration == null || simNanos < start + duration.toNanos());
    }
}
