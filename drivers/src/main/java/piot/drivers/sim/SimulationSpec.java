package piot.drivers.sim;

import java.util.List;
import java.util.Map;

/**
 * The {@code simulation:} section as the simulator needs it.
 *
 * @param seed    seeds noise and intermittent faults
 * @param speed   simulated seconds per real (clock) second; signals and fault windows use simulated time
 * @param signals sensor id → quantity name → signal (quantities: bme280 temperature/humidity/pressure,
 *                sht31 temperature/humidity, bh1750 light, ads1115 the channel keys (volts),
 *                gpio-input level). A quantity without a signal takes a plausible constant.
 * @param faults  fault windows, by sensor id
 */
public record SimulationSpec(long seed, double speed, Map<String, Map<String, SignalSpec>> signals,
                             List<FaultSpec> faults) {
    public SimulationSpec {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("simulation speed " + speed + " must be > 0");
        }
        signals = Map.copyOf(signals == null ? Map.of() : signals);
        faults = List.copyOf(faults == null ? List.of() : faults);
    }

    /** Seed 1, speed 1, default signals, no faults. */
    public static SimulationSpec defaults() {
        return new SimulationSpec(1, 1.0, Map.of(), List.of());
    }

    /** The signals of one sensor (empty when none). */
    public Map<String, SignalSpec> signalsOf(String sensorId) {
        return signals.getOrDefault(sensorId, Map.of());
    }
}
