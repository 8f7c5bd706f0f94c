package piot.drivers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.io.i2c.I2C;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piot.drivers.i2c.Crc8;

/** SHT31, BH1750 and ADS1115 models, register by register through Pi4J's I2C API. */
class SmallChipModelTest {
    @Test
    void sht31AnswersASingleShotWithCrcProtectedWordsAndNacksAReadWithoutCommand() {
        try (SimBus b = new SimBus(new SimulationSpec(1, 1, Map.of("t", Map.of(
                "temperature", new SignalSpec.Constant(25), "humidity", new SignalSpec.Constant(50))), List.of()))) {
            b.sim.addSht31("t", 1, 0x44);
            I2C i2c = b.open(1, 0x44);
            assertThrows(com.pi4j.io.exception.IOException.class, () -> i2c.read(new byte[6], 0, 6));
            i2c.write(new byte[] {0x24, 0x00}, 0, 2);
            byte[] d = new byte[6];
            i2c.read(d, 0, 6);
            assertEquals(Math.round(70.0 / 175 * 65535), (d[0] & 0xFF) << 8 | (d[1] & 0xFF));
            assertEquals(Crc8.sensirion(d, 0, 2), d[2] & 0xFF);
            assertEquals(32768, (d[3] & 0xFF) << 8 | (d[4] & 0xFF));
            assertEquals(Crc8.sensirion(d, 3, 2), d[5] & 0xFF);
            var e = assertThrows(com.pi4j.io.exception.IOException.class, () -> i2c.write(new byte[] {0x12, 0x34}, 0, 2));
            assertEquals("i2c-1 0x44: remote I/O error (SHT31 command 0x1234 unknown)", e.getMessage());
        }
    }

    @Test
    void bh1750OneTimeModeMeasuresOnceThenPowersDownKeepingTheResult() {
        try (SimBus b = new SimBus(new SimulationSpec(1, 1, Map.of("l", Map.of(
                "light", new SignalSpec.Ramp(100, 200, java.time.Duration.ofSeconds(10)))), List.of()))) {
            b.sim.addBh1750("l", 1, 0x23);
            I2C i2c = b.open(1, 0x23);
            i2c.write((byte) 0x01);
            i2c.write((byte) 0x20);
            byte[] d = new byte[2];
            i2c.read(d, 0, 2);
            assertEquals(120, (d[0] & 0xFF) << 8 | (d[1] & 0xFF), "100 lx * 1.2");
            b.clock.advanceMillis(5_000);
            i2c.read(d, 0, 2);
            assertEquals(120, (d[0] & 0xFF) << 8 | (d[1] & 0xFF), "powered down: same result");
            i2c.write((byte) 0x10);
            i2c.read(d, 0, 2);
            assertEquals(180, (d[0] & 0xFF) << 8 | (d[1] & 0xFF), "continuous: 150 lx now");
        }
    }

    @Test
    void ads1115ConvertsTheMuxedInputAtThePgaRangeAndShowsBusyOnce() {
        try (SimBus b = new SimBus(new SimulationSpec(1, 1, Map.of("a", Map.of(
                "x", new SignalSpec.Constant(1.0), "y", new SignalSpec.Constant(-0.5))), List.of()))) {
            b.sim.addAds1115("a", 1, 0x48, new String[] {"x", "y", null, null});
            I2C i2c = b.open(1, 0x48);
            byte[] r = new byte[2];
            i2c.readRegister(0x01, r, 0, 2);
            assertEquals(0x8583, (r[0] & 0xFF) << 8 | (r[1] & 0xFF), "reset value");
            // AIN0-AIN1 differential (MUX 000), ±2.048 V, single shot, start
            i2c.writeRegister(0x01, new byte[] {(byte) 0x85, (byte) 0x83}, 0, 2);
            i2c.readRegister(0x01, r, 0, 2);
            assertEquals(0, r[0] & 0x80, "conversion in progress");
            i2c.readRegister(0x01, r, 0, 2);
            assertEquals(0x80, r[0] & 0x80, "done");
            i2c.readRegister(0x00, r, 0, 2);
            assertEquals(Math.round(1.5 / 2.048 * 32768), (short) ((r[0] & 0xFF) << 8 | (r[1] & 0xFF)));
            // AIN1 single-ended (MUX 101) at ±0.256 V: -0.5 V clips to -32768
            i2c.writeRegister(0x01, new byte[] {(byte) 0xDB, (byte) 0x83}, 0, 2);
            i2c.readRegister(0x00, r, 0, 2);
            assertEquals(-32768, (short) ((r[0] & 0xFF) << 8 | (r[1] & 0xFF)));
        }
    }
}
