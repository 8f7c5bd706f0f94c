package piot.drivers.i2c;

import com.pi4j.io.i2c.I2C;
import java.util.List;
import piot.drivers.KeyDescription;
import piot.drivers.sample.ReadResult;
import piot.drivers.sample.Value;

/**
 * Sensirion SHT31 driver: a single-shot, high-repeatability measurement with clock stretching
 * (command 0x2C06, so no wait is needed), then 6 bytes: temperature word, CRC, humidity word, CRC.
 * A CRC mismatch is a failure. T = -45 + 175 * raw / 65535 °C; RH = 100 * raw / 65535 %.
 */
public final class Sht31 extends I2cDriver {
    public Sht31(String id, I2C i2c) {
        super(id, i2c);
    }

    @Override
    public String type() {
        return "sht31";
    }

    @Override
    public List<KeyDescription> keys() {
        return List.of(new KeyDescription("temperature", "°C"), new KeyDescription("humidity", "%RH"));
    }

    @Override
    ReadResult measure() {
        step("writing measure command 0x2C06", () -> i2c.write(new byte[] {0x2C, 0x06}, 0, 2));
        byte[] d = new byte[6];
        step("reading measurement", () -> i2c.read(d, 0, 6));
        int rawT = word(d, 0, "temperature");
        int rawH = word(d, 3, "humidity");
        double t = -45 + 175.0 * rawT / 65535;
        double rh = 100.0 * rawH / 65535;
        check(t, -40, 125, "temperature", "°C", "SHT31");
        return new ReadResult.Values(List.of(new Value("temperature", Bme280.round(t, 2), "°C"),
                new Value("humidity", Bme280.round(rh, 2), "%RH")));
    }

    private static int word(byte[] d, int offset, String what) {
        int expected = Crc8.sensirion(d, offset, 2);
        int got = d[offset + 2] & 0xFF;
        if (got != expected) {
            throw new Problem(String.format("CRC mismatch on the %s word 0x%02X%02X: got 0x%02X, expected 0x%02X",
                    what, d[offset] & 0xFF, d[offset + 1] & 0xFF, got, expected));
        }
        return (d[offset] & 0xFF) << 8 | (d[offset + 1] & 0xFF);
    }
}
