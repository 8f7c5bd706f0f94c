package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piot.drivers.sim.FaultKind;
import piot.drivers.sim.SignalSpec;

/** SHT31, BH1750 and ADS1115 drivers against their simulated chips, with their faults. */
class OtherSensorsTest {
    @Test
    void sht31ReadsTemperatureAndHumidityAndACrcErrorIsAFault() {
        try (SimRig rig = new SimRig(List.of(SimRig.i2c("climate", SensorSpec.I2cType.SHT31, 0x44)), List.of(),
                Map.of("climate", Map.of("temperature", new SignalSpec.Constant(18.25), "humidity", new SignalSpec.Constant(72.5))),
                List.of())) {
            rig.now();
            assertEquals(18.25, rig.sink.last("climate", "temperature"), 0.01);
            assertEquals(72.5, rig.sink.last("climate", "humidity"), 0.01);
            rig.sim().inject("climate", FaultKind.CRC, Duration.ofSeconds(15));
            rig.run(Duration.ofSeconds(10), Duration.ofSeconds(10));
            String m = rig.sink.faults.get(0).message();
            assertTrue(m.startsWith("CRC mismatch on the temperature word 0x"), m);
            assertTrue(rig.sink.recovered.isEmpty());
            rig.run(Duration.ofSeconds(10), Duration.ofSeconds(1));
            assertEquals(List.of("climate"), rig.sink.recovered);
        }
    }

    @Test
    void bh1750ReportsLuxFromASeriesAndANackIsAFault() {
        var series = new SignalSpec.Series(List.of(new SignalSpec.Point(Duration.ZERO, 100),
                new SignalSpec.Point(Duration.ofSeconds(30), 400), new SignalSpec.Point(Duration.ofSeconds(60), 100)));
        try (SimRig rig = new SimRig(List.of(SimRig.i2c("lux", SensorSpec.I2cType.BH1750, 0x23)), List.of(),
                Map.of("lux", Map.of("light", series)), List.of())) {
            rig.now();
            rig.run(Duration.ofSeconds(20), Duration.ofSeconds(10));
            // 0 s: 100 lx, 10 s: 200 lx, 20 s: 300 lx; raw = lux * 1.2 rounded, lux = raw / 1.2
            assertEquals(List.of(100.0, 200.0, 300.0), rig.sink.of("lux", "light").stream().map(Reading::value).toList());
            assertEquals("lx", rig.sink.of("lux", "light").get(0).unit());
            rig.sim().inject("lux", FaultKind.NACK, Duration.ofSeconds(12));
            rig.run(Duration.ofSeconds(10), Duration.ofSeconds(10));
            assertEquals("lux (i2c-1 0x23): reading result: i2c-1 0x23: remote I/O error (NACK)", rig.sink.faults.get(0).describe());
            rig.run(Duration.ofSeconds(5), Duration.ofSeconds(1));
            assertEquals(List.of("lux"), rig.sink.recovered);
        }
    }

    @Test
    void ads1115ScalesEachChannelWithItsGainAndClipsAtFullScale() {
        var channels = List.of(new SensorSpec.AdsChannel("moisture", 0, 4.096, 30.3, 0, "%"),
                new SensorSpec.AdsChannel("battery", 2, 6.144, 2.0, -0.1, "V"),
                new SensorSpec.AdsChannel("probe", 3, 0.256, 1.0, 0, "V"));
        SensorSpec soil = new SensorSpec.I2c("soil", SensorSpec.I2cType.ADS1115, 1, 0x48, Duration.ofSeconds(10), channels, 0);
        try (SimRig rig = new SimRig(List.of(soil), List.of(),
                Map.of("soil", Map.of("moisture", new SignalSpec.Constant(1.5), "battery", new SignalSpec.Constant(3.3),
                        "probe", new SignalSpec.Constant(1.0))), List.of())) {
            rig.now();
            // 1.5 V at ±4.096 V: raw round(1.5/4.096*32768) = 12000 → 1.5 V exactly → 45.45 %
            assertEquals(45.45, rig.sink.last("soil", "moisture"), 1e-9);
            assertEquals(6.5, rig.sink.last("soil", "battery"), 0.001);
            assertEquals(0.2560, rig.sink.last("soil", "probe"), 0.0001, "1 V at ±0.256 V clips to full scale");
            assertEquals("%", rig.sink.of("soil", "moisture").get(0).unit());
            assertEquals(List.of("moisture", "battery", "probe"),
                    rig.hw.sensors().get(0).keys().stream().map(KeyDescription::key).toList());
        }
    }
}
