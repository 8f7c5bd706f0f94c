package piot.drivers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import piot.drivers.sim.FaultSpec;
import piot.drivers.sim.SignalSpec;
import piot.drivers.sim.SimulationSpec;
import piot.drivers.sim.Simulator;
import piot.time.ManualClock;

/** Stepped simulated hardware on a manual clock: one scenario per test, no sleeping. */
final class SimRig implements AutoCloseable {
    final ManualClock clock = new ManualClock(5_000_000_000L, 1_700_000_000_000L);
    final RecordingSink sink = new RecordingSink();
    final Hardware hw;

    SimRig(List<SensorSpec> sensors, List<ActuatorSpec> actuators, Map<String, Map<String, SignalSpec>> signals,
           List<FaultSpec> faults) {
        hw = Hardware.openStepped(new HardwareSpec(Provider.SIM, sensors, actuators,
                new SimulationSpec(7, 1.0, signals, faults)), clock, sink);
    }

    Simulator sim() {
        return hw.simulator().orElseThrow();
    }

    void now() {
        hw.runDue(clock.nanoTime());
    }

    /** Advances in steps of {@code step}, running the sampler after each. */
    void run(Duration total, Duration step) {
        for (long t = 0; t < total.toNanos(); t += step.toNanos()) {
            clock.advanceNanos(step.toNanos());
            hw.runDue(clock.nanoTime());
        }
    }

    @Override
    public void close() {
        hw.close();
    }

    static SensorSpec i2c(String id, SensorSpec.I2cType type, int address) {
        return new SensorSpec.I2c(id, type, 1, address, Duration.ofSeconds(10), List.of(), 0);
    }
}
