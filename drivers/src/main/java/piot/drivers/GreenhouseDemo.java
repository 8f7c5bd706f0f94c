package piot.drivers;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import piot.drivers.sim.FaultKind;
import piot.drivers.sim.FaultSpec;
import piot.drivers.sim.SignalSpec;
import piot.drivers.sim.SimulationSpec;
import piot.time.ManualClock;

/**
 * The greenhouse example on simulated hardware: a BME280 on i2c-1 0x76, a bouncing door contact on
 * BCM17, a pump relay on BCM27. It runs a minute of simulated time on a manual clock (instantly)
 * and prints the readings, the pump switching, an I2C NACK appearing as an error at 30 s and the
 * sensor recovering by itself. {@code java -cp … piot.drivers.GreenhouseDemo}
 */
public final class GreenhouseDemo {
    private GreenhouseDemo() {
    }

    /** The greenhouse hardware with signals and one NACK window on {@code air} (30 s, for 10 s). */
    public static HardwareSpec spec() {
        var air = new SensorSpec.I2c("air", SensorSpec.I2cType.BME280, 1, 0x76, Duration.ofSeconds(10), List.of(), 0);
        var door = new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ofMillis(20), false);
        var pump = new ActuatorSpec.GpioOutput("pump", 27, false, false, Duration.ofMinutes(10), List.of());
        var sim = new SimulationSpec(42, 1.0, Map.of(
                "air", Map.of("temperature", new SignalSpec.Sine(21, 3, Duration.ofMinutes(10), 0.1),
                        "humidity", new SignalSpec.Constant(55),
                        "pressure", new SignalSpec.Ramp(1000, 1010, Duration.ofHours(1))),
                "door", Map.of("level", new SignalSpec.Pulse(Duration.ofSeconds(30), Duration.ofSeconds(5), 3))),
                List.of(new FaultSpec("air", FaultKind.NACK, Duration.ofSeconds(30), Duration.ofSeconds(10), 0)));
        return new HardwareSpec(Provider.SIM, List.of(air, door), List.of(pump), sim);
    }

    /** Runs {@code simulated} time in 10 ms steps and prints what the gateway would see. */
    public static void run(PrintStream out, Duration simulated) {
        ManualClock clock = new ManualClock(0, 1_800_000_000_000L);
        ReadingSink printer = new ReadingSink() {
            @Override
            public void onReading(Reading r) {
                out.printf(Locale.ROOT, "[%8.3fs] %-5s %s.%s = %s %s%n", r.monoNanos() / 1e9, "READ", r.thingId(), r.key(),
                        r.value(), r.unit());
            }

            @Override
            public void onFault(SensorFault f) {
                out.printf(Locale.ROOT, "[%8.3fs] %-5s %s (retry in %d s)%n", f.monoNanos() / 1e9, "ERROR", f.describe(),
                        f.retryInNanos() / 1_000_000_000L);
            }

            @Override
            public void onRecovered(String id) {
                out.printf(Locale.ROOT, "[%8.3fs] %-5s %s answers again%n", clock.nanoTime() / 1e9, "OK", id);
            }
        };
        try (Hardware hw = Hardware.openStepped(spec(), clock, printer)) {
            Actuator pump = hw.actuator("pump").orElseThrow();
            for (long ms = 0; ms <= simulated.toMillis(); ms += 10) {
                if (ms == 12_000) {
                    out.println("[  12.000s] ACT   pump on -> " + pump.apply("on"));
                }
                if (ms == 42_000) {
                    out.println("[  42.000s] ACT   pump off -> " + pump.apply("off"));
                }
                hw.runDue(clock.nanoTime());
                clock.advanceMillis(10);
            }
            out.println("pump output changes: " + hw.simulator().orElseThrow().outputChanges("pump"));
        }
    }

    public static void main(String[] args) {
        run(System.out, Duration.ofSeconds(60));
    }
}
