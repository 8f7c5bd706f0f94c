package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piot.drivers.sim.FaultKind;
import piot.drivers.sim.FaultSpec;
import piot.drivers.sim.SignalSpec;

/** Every injected BME280 fault reaches the sink as a fault with a clear message, then recovers. */
class Bme280FaultTest {
    private static final SensorSpec AIR = SimRig.i2c("air", SensorSpec.I2cType.BME280, 0x76);

    @Test
    void aWrongChipIdFromConfigIsReportedAndTheSensorRecoversWhenTheWindowEnds() {
        try (SimRig rig = new SimRig(List.of(AIR), List.of(), Map.of(),
                List.of(new FaultSpec("air", FaultKind.WRONG_CHIP_ID, Duration.ZERO, Duration.ofSeconds(5), 0)))) {
            rig.now();
            assertEquals("air (i2c-1 0x76): wrong chip id 0x58 (a BME280 reports 0x60; 0x58 is a BMP280, which has no humidity sensor)",
                    rig.sink.faults.get(0).describe());
            rig.run(Duration.ofSeconds(8), Duration.ofSeconds(1));
            assertEquals(List.of("air"), rig.sink.recovered);
            assertEquals(21.0, rig.sink.last("air", "temperature"), 0.011);
        }
    }

    @Test
    void anAbsentDeviceIsAFaultThatIsRetriedWithCappedExponentialBackoff() {
        try (SimRig rig = new SimRig(List.of(AIR), List.of(), Map.of(),
                List.of(new FaultSpec("air", FaultKind.ABSENT, Duration.ZERO, null, 0)))) {
            rig.now();
            rig.run(Duration.ofMinutes(5), Duration.ofSeconds(1));
            List<Long> retries = rig.sink.faults.stream().map(f -> f.retryInNanos() / 1_000_000_000L).toList();
            assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L), retries.subList(0, 10));
            assertTrue(rig.sink.faults.get(0).message().contains("no device answers at this address"));
            assertTrue(rig.sink.readings.isEmpty());
            rig.sim().clearFaults("air");
            rig.run(Duration.ofSeconds(60), Duration.ofSeconds(1));
            assertEquals(List.of("air"), rig.sink.recovered);
        }
    }

    @Test
    void aTemperatureOutsideTheChipsRangeIsAFaultNotAReading() {
        try (SimRig rig = new SimRig(List.of(AIR), List.of(), Map.of("air", Map.of("temperature",
                new SignalSpec.Series(List.of(new SignalSpec.Point(Duration.ZERO, 20), new SignalSpec.Point(Duration.ofSeconds(10), 20),
                        new SignalSpec.Point(Duration.ofSeconds(11), 95), new SignalSpec.Point(Duration.ofSeconds(29), 95),
                        new SignalSpec.Point(Duration.ofSeconds(30), 20), new SignalSpec.Point(Duration.ofSeconds(100), 20))))),
                List.of())) {
            rig.now();
            rig.run(Duration.ofSeconds(20), Duration.ofSeconds(1));
            assertEquals(2, rig.sink.of("air", "temperature").size(), "reads at 0 s and 10 s");
            assertEquals("temperature 95.00 °C outside the BME280's range -40..85 °C", rig.sink.faults.get(0).message());
            rig.run(Duration.ofSeconds(20), Duration.ofSeconds(1));
            assertEquals(List.of("air"), rig.sink.recovered);
            assertEquals(20.0, rig.sink.last("air", "temperature"), 0.011);
        }
    }

    @Test
    void aStuckDeviceIsAFaultAfterTheConfiguredNumberOfIdenticalReads() {
        SensorSpec air = new SensorSpec.I2c("air", SensorSpec.I2cType.BME280, 1, 0x76, Duration.ofSeconds(10), List.of(), 3);
        try (SimRig rig = new SimRig(List.of(air), List.of(),
                Map.of("air", Map.of("temperature", new SignalSpec.Sine(20, 2, Duration.ofMinutes(10), 0.2))),
                List.of(new FaultSpec("air", FaultKind.STUCK, Duration.ofSeconds(30), Duration.ofSeconds(60), 0)))) {
            rig.now();
            rig.run(Duration.ofSeconds(40), Duration.ofSeconds(10));
            assertTrue(rig.sink.faults.isEmpty(), rig.sink.log.toString());
            rig.run(Duration.ofSeconds(10), Duration.ofSeconds(10));
            assertEquals(1, rig.sink.faults.size(), "30 s, 40 s and 50 s read the frozen values: " + rig.sink.log);
            assertTrue(rig.sink.faults.get(0).message().startsWith("values stuck at temperature="), rig.sink.faults.get(0).message());
            assertTrue(rig.sink.faults.get(0).message().endsWith("for 3 reads"));
            rig.run(Duration.ofSeconds(70), Duration.ofSeconds(1)); // window ends at 90 s; retries at 81 s, 113 s
            assertEquals(List.of("air"), rig.sink.recovered);
        }
    }

    @Test
    void intermittentBusErrorsAreFaultsAtAboutTheirRateAndReadingsContinueBetweenThem() {
        SensorSpec air = new SensorSpec.I2c("air", SensorSpec.I2cType.BME280, 1, 0x76, Duration.ofSeconds(1), List.of(), 0);
        try (SimRig rig = new SimRig(List.of(air), List.of(), Map.of(), List.of())) {
            rig.sim().injectIntermittent("air", 0.02, null);
            rig.now();
            rig.run(Duration.ofSeconds(600), Duration.ofSeconds(1));
            int faults = rig.sink.faults.size();
            int reads = rig.sink.of("air", "temperature").size();
            // about 11 transfers per read at 2 % each: roughly one read in five fails
            assertTrue(faults > 40 && faults < 200, "faults " + faults);
            assertTrue(reads > 300, "reads " + reads);
            assertEquals(rig.sink.recovered.size(), rig.sink.faults.stream().filter(f -> f.consecutive() == 1).count());
            assertTrue(rig.sink.faults.get(0).message().contains("bus error (intermittent)"));
        }
    }
}
