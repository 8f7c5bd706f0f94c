package piot.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.i2c.I2C;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import piot.drivers.i2c.Bme280Calibration;

class Bme280ModelTest {
    private static final Bme280Trimming T = Bme280Trimming.EXAMPLE;

    @Test
    void theDatasheetIntegerFormulasGiveTheExampleValues() {
        assertEquals(2508, T.temperatureCentiDegrees(519888));
        assertEquals(128422, T.tFine(519888));
        assertEquals(100653, T.pressureQ24x8(415148, T.tFine(519888)) / 256.0, 1.0);
    }

    @Property(tries = 300)
    void rawValuesTheModelProducesCompensateBackToThePhysicalValue(
            @ForAll @DoubleRange(min = -40, max = 85) double celsius,
            @ForAll @DoubleRange(min = 300, max = 1100) double hPa,
            @ForAll @DoubleRange(min = 0, max = 100) double humidity) {
        int adcT = T.rawTemperature(celsius);
        int tFine = T.tFine(adcT);
        int adcP = T.rawPressure(hPa, tFine);
        int adcH = T.rawHumidity(humidity, tFine);
        Bme280Calibration.Compensated c = Bme280Calibration.parse(T.block1(), T.block2()).compensate(adcT, adcP, adcH);
        assertEquals(celsius, c.celsius(), 0.01);
        assertEquals(hPa * 100, c.pascal(), 2.0);
        assertEquals(humidity, c.humidity(), 0.02);
    }

    private static SimBus bus(Map<String, SignalSpec> signals) {
        SimBus b = new SimBus(new SimulationSpec(1, 1, Map.of("air", signals), List.of()));
        b.sim.addBme280("air", 1, 0x76);
        return b;
    }

    private static int adcT(I2C i2c) {
        byte[] d = new byte[3];
        i2c.readRegister(0xFA, d, 0, 3);
        return (d[0] & 0xFF) << 12 | (d[1] & 0xFF) << 4 | (d[2] & 0xFF) >> 4;
    }

    @Test
    void resetValuesChipIdAndCalibrationRegistersAreThereAtPowerOn() {
        try (SimBus b = bus(Map.of())) {
            I2C i2c = b.open(1, 0x76);
            assertEquals(0x60, i2c.readRegister(0xD0));
            assertEquals(0x80000, adcT(i2c), "no measurement yet: the reset value");
            byte[] cal = new byte[2];
            i2c.readRegister(0x88, cal, 0, 2);
            assertEquals(27504, (cal[0] & 0xFF) | (cal[1] & 0xFF) << 8);
        }
    }

    @Test
    void forcedModeMeasuresOnceShowsMeasuringToTheFirstPollAndReturnsToSleep() {
        try (SimBus b = bus(Map.of("temperature", new SignalSpec.Ramp(10, 20, Duration.ofSeconds(10))))) {
            I2C i2c = b.open(1, 0x76);
            i2c.writeRegister(0xF2, (byte) 1);
            i2c.writeRegister(0xF4, (byte) 0x25);
            assertEquals(0x08, i2c.readRegister(0xF3) & 0x08);
            assertEquals(0x00, i2c.readRegister(0xF3) & 0x08);
            assertEquals(0x24, i2c.readRegister(0xF4), "mode back to sleep");
            int first = adcT(i2c);
            assertEquals(1000, T.temperatureCentiDegrees(first));
            b.clock.advanceMillis(5_000);
            assertEquals(first, adcT(i2c), "sleep mode keeps the old result");
            i2c.writeRegister(0xF4, (byte) 0x25);
            assertEquals(1500, T.temperatureCentiDegrees(adcT(i2c)));
        }
    }

    @Test
    void normalModeMeasuresAgainOnEveryDataRead() {
        try (SimBus b = bus(Map.of("temperature", new SignalSpec.Ramp(10, 20, Duration.ofSeconds(10))))) {
            I2C i2c = b.open(1, 0x76);
            i2c.writeRegister(0xF4, (byte) 0x27);
            assertEquals(1000, T.temperatureCentiDegrees(adcT(i2c)));
            b.clock.advanceMillis(2_000);
            assertEquals(1200, T.temperatureCentiDegrees(adcT(i2c)));
        }
    }

    @Test
    void skippedTemperatureOversamplingLeavesTheResetValueAndSoftResetClearsTheControlRegisters() {
        try (SimBus b = bus(Map.of())) {
            I2C i2c = b.open(1, 0x76);
            i2c.writeRegister(0xF4, (byte) 0x05); // osrs_t = 0 (skipped), forced
            assertEquals(0x80000, adcT(i2c));
            i2c.writeRegister(0xF2, (byte) 1);
            i2c.writeRegister(0xE0, (byte) 0xB6);
            assertEquals(0, i2c.readRegister(0xF2));
        }
    }

    @Test
    void wrongChipIdNackAndAbsentFaultsHaveWindows() {
        try (SimBus b = bus(Map.of())) {
            I2C i2c = b.open(1, 0x76);
            b.sim.inject(new FaultSpec("air", FaultKind.WRONG_CHIP_ID, Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
            b.sim.inject(new FaultSpec("air", FaultKind.NACK, Duration.ofSeconds(3), Duration.ofSeconds(1), 0));
            b.sim.inject(new FaultSpec("air", FaultKind.ABSENT, Duration.ofSeconds(5), null, 0));
            assertEquals(0x60, i2c.readRegister(0xD0));
            b.clock.advanceMillis(1_000);
            assertEquals(0x58, i2c.readRegister(0xD0));
            b.clock.advanceMillis(1_000);
            assertEquals(0x60, i2c.readRegister(0xD0));
            b.clock.advanceMillis(1_000);
            var nack = assertThrows(com.pi4j.io.exception.IOException.class, () -> i2c.readRegister(0xD0));
            assertEquals("i2c-1 0x76: remote I/O error (NACK)", nack.getMessage());
            b.clock.advanceMillis(2_000);
            var absent = assertThrows(com.pi4j.io.exception.IOException.class, () -> i2c.readRegister(0xD0));
            assertTrue(absent.getMessage().contains("no device answers"), absent.getMessage());
            b.sim.clearFaults("air");
            assertEquals(0x60, i2c.readRegister(0xD0));
        }
    }

    @Test
    void faultsThatMakeNoSenseForTheDeviceAreRefusedWithAReason() {
        try (SimBus b = bus(Map.of())) {
            var e = assertThrows(IllegalArgumentException.class, () -> b.sim.inject("air", FaultKind.CRC, null));
            assertEquals("fault crc on air: only an sht31 sends CRCs", e.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> b.sim.inject("door", FaultKind.NACK, null));
            assertTrue(e2.getMessage().startsWith("fault on door: no simulated I2C device"), e2.getMessage());
        }
    }
}
