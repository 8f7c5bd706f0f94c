package piot.drivers.i2c;

import com.pi4j.io.i2c.I2C;
import java.util.ArrayList;
import java.util.List;
import piot.drivers.KeyDescription;
import piot.drivers.SensorSpec.AdsChannel;
import piot.drivers.sample.ReadResult;
import piot.drivers.sample.Value;

/**
 * TI ADS1115 driver: per configured channel one single-shot conversion of AINx against GND
 * (config: OS=1, MUX=1xx, the channel's PGA, MODE=single, 128 SPS, comparator off), polls OS until
 * the conversion is done, reads the signed conversion register and reports
 * {@code volts * scale + offset} in the channel's unit.
 */
public final class Ads1115 extends I2cDriver {
    private static final double[] GAINS = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
    private final List<AdsChannel> channels;

    public Ads1115(String id, I2C i2c, List<AdsChannel> channels) {
        super(id, i2c);
        this.channels = List.copyOf(channels);
    }

    /** The PGA field (0..5) for a full-scale range in volts, or -1 when the chip has no such range. */
    public static int pgaBits(double gain) {
        for (int i = 0; i < GAINS.length; i++) {
            if (Math.abs(GAINS[i] - gain) < 1e-9) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String type() {
        return "ads1115";
    }

    @Override
    public List<KeyDescription> keys() {
        return channels.stream().map(c -> new KeyDescription(c.key(), c.unit())).toList();
    }

    @Override
    ReadResult measure() {
        List<Value> values = new ArrayList<>();
        for (AdsChannel c : channels) {
            int config = 0x8000 | (4 + c.channel()) << 12 | pgaBits(c.gain()) << 9 | 0x0100 | 0x0080 | 0x0003;
            String ch = "channel " + c.channel() + " (" + c.key() + ")";
            step("starting conversion of " + ch,
                    () -> i2c.writeRegister(0x01, new byte[] {(byte) (config >> 8), (byte) config}, 0, 2));
            awaitDone("polling conversion of " + ch, () -> {
                byte[] r = new byte[2];
                i2c.readRegister(0x01, r, 0, 2);
                return (r[0] & 0x80) != 0;
            });
            byte[] r = new byte[2];
            step("reading conversion of " + ch, () -> i2c.readRegister(0x00, r, 0, 2));
            int raw = (short) ((r[0] & 0xFF) << 8 | (r[1] & 0xFF));
            double volts = raw * c.gain() / 32768.0;
            values.add(new Value(c.key(), Bme280.round(volts * c.scale() + c.offset(), 4), c.unit()));
        }
        return new ReadResult.Values(values);
    }
}
