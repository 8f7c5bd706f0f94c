package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareSpecTest {
    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void crossChecksNameWhatIsWrong() {
        var air = SensorSpec.I2c.of("air", SensorSpec.I2cType.BME280, 1, 0x76);
        var air2 = SensorSpec.I2c.of("air2", SensorSpec.I2cType.BME280, 1, 0x76);
        var door = new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ZERO, false);
        assertEquals("sensor air2: i2c-1 0x76 is used by another sensor",
                error(() -> new HardwareSpec(Provider.SIM, List.of(air, air2), List.of(), null)));
        assertEquals("pump: gpio 17 is used by another sensor or actuator",
                error(() -> new HardwareSpec(Provider.SIM, List.of(door), List.of(ActuatorSpec.GpioOutput.of("pump", 17)), null)));
        assertEquals("id door is used twice (sensor and actuator ids share one namespace)",
                error(() -> new HardwareSpec(Provider.SIM, List.of(door), List.of(ActuatorSpec.GpioOutput.of("door", 27)), null)));
        assertEquals("actuator pump: interlock 'heater' is not another actuator; actuators: [pump]",
                error(() -> new HardwareSpec(Provider.SIM, List.of(), List.of(
                        new ActuatorSpec.GpioOutput("pump", 27, false, false, Duration.ZERO, List.of("heater"))), null)));
    }

    @Test
    void specsRejectOutOfRangeValues() {
        assertEquals("sensor air: i2c address 0x78 not in 0x03..0x77",
                error(() -> SensorSpec.I2c.of("air", SensorSpec.I2cType.BME280, 1, 0x78)));
        assertEquals("sensor air: interval PT0.05S not in 100ms..24h",
                error(() -> new SensorSpec.I2c("air", SensorSpec.I2cType.BME280, 1, 0x76, Duration.ofMillis(50), List.of(), 0)));
        assertEquals("ads1115 channel m: gain 5.0 not one of 6.144 4.096 2.048 1.024 0.512 0.256",
                error(() -> new SensorSpec.AdsChannel("m", 0, 5.0, 1, 0, "V")));
        assertEquals("sensor soil: ads1115 needs 1..4 channels",
                error(() -> SensorSpec.I2c.of("soil", SensorSpec.I2cType.ADS1115, 1, 0x48)));
        assertEquals("door: pin 28 not a BCM GPIO 0..27",
                error(() -> new SensorSpec.GpioInput("door", 28, SensorSpec.Pull.UP, Duration.ZERO, false)));
        assertEquals("id 'Door' must match [a-z][a-z0-9_-]{0,31}",
                error(() -> ActuatorSpec.GpioOutput.of("Door", 27)));
        assertEquals("actuator fan: frequency 0 not in 1..100000 Hz",
                error(() -> new ActuatorSpec.PwmOutput("fan", 18, 0, 0, 0, List.of())));
    }

    @Test
    void simulationSignalsAndFaultsMustFitTheSensors() {
        var air = SensorSpec.I2c.of("air", SensorSpec.I2cType.BME280, 1, 0x76);
        var door = new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ZERO, false);
        java.util.function.Function<piot.drivers.sim.SimulationSpec, String> open = sim -> error(() ->
                Hardware.openStepped(new HardwareSpec(Provider.SIM, List.of(air, door), List.of(), sim), piot.time.Clock.system(),
                        new RecordingSink()));
        assertEquals("simulation.sensors.air.light: not simulated for this sensor; allowed: [humidity, pressure, temperature]",
                open.apply(new piot.drivers.sim.SimulationSpec(1, 1, java.util.Map.of("air", java.util.Map.of("light",
                        new piot.drivers.sim.SignalSpec.Constant(1))), List.of())));
        assertEquals("simulation.sensors.lux: no sensor with that id; sensors: [air, door]",
                open.apply(new piot.drivers.sim.SimulationSpec(1, 1, java.util.Map.of("lux", java.util.Map.of("light",
                        new piot.drivers.sim.SignalSpec.Constant(1))), List.of())));
        assertEquals("fault crc on air: only an sht31 sends CRCs",
                open.apply(new piot.drivers.sim.SimulationSpec(1, 1, java.util.Map.of(), List.of(new piot.drivers.sim.FaultSpec(
                        "air", piot.drivers.sim.FaultKind.CRC, Duration.ZERO, null, 0)))));
    }

    @Test
    void configNamesMapOntoTheEnums() {
        assertEquals(SensorSpec.I2cType.BH1750, SensorSpec.I2cType.fromConfig("bh1750"));
        assertEquals(SensorSpec.Pull.UP, SensorSpec.Pull.fromConfig("up"));
        assertEquals("i2c sensor type 'bmp280' is not one of bme280, sht31, bh1750, ads1115",
                error(() -> SensorSpec.I2cType.fromConfig("bmp280")));
        assertEquals("fault 'flaky' is not one of nack, absent, stuck, wrong-chip-id, crc, intermittent, hang",
                error(() -> piot.drivers.sim.FaultKind.fromConfig("flaky")));
    }

    @Test
    void aPwmActuatorOnAPinWithoutHardwarePwmIsRefusedAtOpen() {
        var spec = new HardwareSpec(Provider.SIM, List.of(), List.of(new ActuatorSpec.PwmOutput("fan", 5, 0, 0, 1000, List.of())), null);
        var e = assertThrows(HardwareException.class, () -> Hardware.openStepped(spec, piot.time.Clock.system(), new RecordingSink()));
        assertEquals("actuator fan: gpio 5 has no hardware PWM; use 12 or 18 (channel 0), 13 or 19 (channel 1)", e.getMessage());
    }
}
