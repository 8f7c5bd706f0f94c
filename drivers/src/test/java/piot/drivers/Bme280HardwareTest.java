package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import piot.drivers.sim.FaultKind;
import piot.drivers.sim.SignalSpec;
import piot.drivers.sim.SimulationSpec;
import piot.time.ManualClock;

class Bme280HardwareTest {
    private final ManualClock clock = new ManualClock(1_000_000_000L, 1_700_000_000_000L);
    private final RecordingSink sink = new RecordingSink();
    private Hardware hw;

    private Hardware open(Map<String, SignalSpec> signals, int stuckReads) {
        SensorSpec air = new SensorSpec.I2c("air", SensorSpec.I2cType.BME280, 1, 0x76, Duration.ofSeconds(10), List.of(), stuckReads);
        SimulationSpec sim = new SimulationSpec(42, 1.0, Map.of("air", signals), List.of());
        hw = Hardware.openStepped(new HardwareSpec(Provider.SIM, List.of(air), List.of(), sim), clock, sink);
        return hw;
    }

    @AfterEach
    void close() {
        if (hw != null) {
            hw.close();
        }
    }

    private void step(Duration d) {
        clock.advanceNanos(d.toNanos());
        hw.runDue(clock.nanoTime());
    }

    @Test
    void readsTheSimulatedPhysicalValuesThroughTheCompensation() {
        open(Map.of("temperature", new SignalSpec.Constant(23.4), "humidity", new SignalSpec.Constant(61.5),
                "pressure", new SignalSpec.Constant(987.6)), 0);
        hw.runDue(clock.nanoTime());
        assertEquals(23.4, sink.last("air", "temperature"), 0.011);
        assertEquals(61.5, sink.last("air", "humidity"), 0.05);
        assertEquals(987.6, sink.last("air", "pressure"), 0.02);
        assertEquals("°C", sink.of("air", "temperature").get(0).unit());
        assertEquals(1_700_000_000_000L, sink.of("air", "temperature").get(0).wallMillis());
    }

    @Test
    void aNackBecomesAFaultAndTheSensorRecoversByItself() {
        open(Map.of(), 0);
        hw.runDue(clock.nanoTime());
        assertEquals(1, sink.of("air", "temperature").size());
        hw.simulator().orElseThrow().inject("air", FaultKind.NACK, Duration.ofSeconds(15));
        step(Duration.ofSeconds(10));
        assertEquals(1, sink.faults.size(), sink.log.toString());
        SensorFault f = sink.faults.get(0);
        assertEquals("air (i2c-1 0x76): reading chip id: i2c-1 0x76: remote I/O error (NACK)", f.describe());
        assertEquals(1_000_000_000L, f.retryInNanos());
        step(Duration.ofSeconds(1));
        step(Duration.ofSeconds(2));
        assertEquals(List.of(1, 2, 3), sink.faults.stream().map(SensorFault::consecutive).toList());
        step(Duration.ofSeconds(4)); // 17 s: the fault (10 s .. 25 s) is still on
        step(Duration.ofSeconds(8)); // 25 s: over
        assertEquals(List.of("air"), sink.recovered);
        assertEquals(2, sink.of("air", "temperature").size());
        assertTrue(sink.log.indexOf("recovered air") < sink.log.size() - 1, "readings follow the recovery");
    }
}
