package piot.drivers.i2c;

import com.pi4j.io.i2c.I2C;
import java.util.List;
import piot.drivers.KeyDescription;
import piot.drivers.sample.ReadResult;
import piot.drivers.sample.Value;

/**
 * ROHM BH1750 driver: powers the chip on and puts it in continuous high-resolution mode (opcodes
 * 0x01, 0x10) on the first read and after any failure, then reads the 2-byte result:
 * lux = raw / 1.2.
 */
public final class Bh1750 extends I2cDriver {
    private boolean configured;

    public Bh1750(String id, I2C i2c) {
        super(id, i2c);
    }

    @Override
    public String type() {
        return "bh1750";
    }

    @Override
    public List<KeyDescription> keys() {
        return List.of(new KeyDescription("light", "lx"));
    }

    @Override
    ReadResult measure() {
        if (!configured) {
            step("powering on", () -> i2c.write((byte) 0x01));
            step("setting continuous H-resolution mode", () -> i2c.write((byte) 0x10));
            configured = true;
        }
        byte[] d = new byte[2];
        step("reading result", () -> i2c.read(d, 0, 2));
        int raw = (d[0] & 0xFF) << 8 | (d[1] & 0xFF);
        return new ReadResult.Values(List.of(new Value("light", Bme280.round(raw / 1.2, 1), "lx")));
    }

    @Override
    void forget() {
        configured = false;
    }
}
