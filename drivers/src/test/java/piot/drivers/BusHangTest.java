package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import piot.drivers.sim.FaultKind;

/**
 * A device that hangs its I2C bus (SDA held low) blocks every transfer on that bus. The sampler
 * must not block with it: the hung sensor reports a fault, a sensor on another bus keeps reading,
 * and when the bus is released the hung sensor recovers.
 */
class BusHangTest {
    static final SensorSpec AIR = SimRig.i2c("air", SensorSpec.I2cType.BME280, 0x76);
    static final SensorSpec LUX = new SensorSpec.I2c("lux", SensorSpec.I2cType.BH1750, 3, 0x23, Duration.ofSeconds(10), List.of(), 0);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // only a guard: without GuardedSensor the first read never returns
    void aHungBusIsAFaultOfItsSensorsWhileOtherBusesGoOnAndItRecoversWhenReleased() {
        try (SimRig rig = new SimRig(List.of(AIR, LUX), List.of(), Map.of(), List.of())) {
            rig.now();
            assertEquals(1, rig.sink.of("lux", "light").size());
            rig.sim().inject("air", FaultKind.HANG, Duration.ofSeconds(30));
            rig.run(Duration.ofSeconds(20), Duration.ofSeconds(1));

            assertFalse(rig.sink.faults.isEmpty(), "the hung read is reported");
            assertEquals("air (i2c-1 0x76): no answer within 1000 ms (I2C bus hung?)", rig.sink.faults.get(0).describe());
            assertTrue(rig.sink.faults.stream().allMatch(f -> f.sensorId().equals("air")), "only the hung bus fails: " + rig.sink.faults);
            assertTrue(rig.sink.faults.stream().skip(1).allMatch(f -> f.message().contains("still no answer")),
                    "no second read is started on a hung bus: " + rig.sink.faults);
            assertEquals(3, rig.sink.of("lux", "light").size(), "the other bus read at 0, 10 and 20 s");

            // The hang ends at 30 s; the blocked transfer notices within its poll (real time), and the
            // next retry after that reads again.
            for (int i = 0; i < 300 && rig.sink.recovered.isEmpty(); i++) {
                rig.run(Duration.ofSeconds(1), Duration.ofSeconds(1));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals(List.of("air"), rig.sink.recovered);
            assertEquals(21.0, rig.sink.last("air", "temperature"), 0.011);
        }
    }
}
