package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import piot.drivers.sim.FaultKind;
import piot.time.Clock;

/** The sampler thread on the real clock: readings flow, a fault and a recovery arrive without anyone stepping. */
class HardwareThreadTest {
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    @Test
    void theSamplerThreadReadsReportsFaultsAndRecoveries() {
        var air = new SensorSpec.I2c("air", SensorSpec.I2cType.BME280, 1, 0x76, Duration.ofMillis(100), List.of(), 0);
        var pump = ActuatorSpec.GpioOutput.of("pump", 27);
        RecordingSink sink = new RecordingSink();
        try (Hardware hw = Hardware.open(new HardwareSpec(Provider.SIM, List.of(air), List.of(pump), null), Clock.system(), sink)) {
            await("3 readings", () -> sink.of("air", "temperature").size() >= 3);
            hw.simulator().orElseThrow().inject("air", FaultKind.NACK, null);
            await("a fault", () -> !sink.faults.isEmpty());
            hw.simulator().orElseThrow().clearFaults("air");
            await("the recovery", () -> sink.recovered.contains("air"));
            assertTrue(hw.actuator("pump").orElseThrow().apply("on").applied());
            assertEquals(List.of("air"), hw.sensors().stream().map(ThingDescription::id).toList());
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("piot-sampler")),
                "close stops the sampler thread");
    }
}
