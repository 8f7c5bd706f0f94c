package piot.drivers.i2c;

import com.pi4j.io.i2c.I2C;
import java.util.List;
import piot.drivers.KeyDescription;
import piot.drivers.sample.ReadResult;
import piot.drivers.sample.Value;

/**
 * Bosch BME280 driver: each read checks the chip id, (re)reads the calibration after any failure,
 * triggers one forced-mode measurement (oversampling x1 for all three), polls the status register,
 * burst-reads 0xF7..0xFE and compensates. Values outside the chip's operating range (-40..85 °C,
 * 300..1100 hPa, 0..100 %RH) and skipped measurements are failures, not readings.
 */
public final class Bme280 extends I2cDriver {
    public static final int CHIP_ID = 0x60;
    private Bme280Calibration calibration;

    public Bme280(String id, I2C i2c) {
        super(id, i2c);
    }

    @Override
    public String type() {
        return "bme280";
    }

    @Override
    public List<KeyDescription> keys() {
        return List.of(new KeyDescription("temperature", "°C"), new KeyDescription("humidity", "%RH"),
                new KeyDescription("pressure", "hPa"));
    }

    @Override
    ReadResult measure() {
        int chipId = step("reading chip id", () -> i2c.readRegister(0xD0));
        if (chipId != CHIP_ID) {
            throw new Problem(String.format("wrong chip id 0x%02X (a BME280 reports 0x60%s)", chipId,
                    chipId == 0x58 ? "; 0x58 is a BMP280, which has no humidity sensor" : ""));
        }
        if (calibration == null) {
            byte[] b1 = new byte[26];
            byte[] b2 = new byte[7];
            step("reading calibration 0x88..0xA1", () -> i2c.readRegister(0x88, b1, 0, 26));
            step("reading calibration 0xE1..0xE7", () -> i2c.readRegister(0xE1, b2, 0, 7));
            calibration = Bme280Calibration.parse(b1, b2);
        }
        // ctrl_hum only takes effect on the following ctrl_meas write, so it goes first.
        step("writing ctrl_hum", () -> i2c.writeRegister(0xF2, (byte) 0x01));
        step("writing ctrl_meas (forced mode)", () -> i2c.writeRegister(0xF4, (byte) 0b001_001_01));
        awaitDone("polling status", () -> (i2c.readRegister(0xF3) & 0x08) == 0);
        byte[] d = new byte[8];
        step("reading data 0xF7..0xFE", () -> i2c.readRegister(0xF7, d, 0, 8));
        int adcP = (d[0] & 0xFF) << 12 | (d[1] & 0xFF) << 4 | (d[2] & 0xFF) >> 4;
        int adcT = (d[3] & 0xFF) << 12 | (d[4] & 0xFF) << 4 | (d[5] & 0xFF) >> 4;
        int adcH = (d[6] & 0xFF) << 8 | (d[7] & 0xFF);
        if (adcT == 0x80000 || adcP == 0x80000 || adcH == 0x8000) {
            throw new Problem("measurement skipped (data registers hold their reset value 0x80000)");
        }
        Bme280Calibration.Compensated c = calibration.compensate(adcT, adcP, adcH);
        double hPa = c.pascal() / 100.0;
        check(c.celsius(), -40, 85, "temperature", "°C", "BME280");
        check(hPa, 300, 1100, "pressure", "hPa", "BME280");
        check(c.humidity(), 0, 100, "humidity", "%RH", "BME280");
        return new ReadResult.Values(List.of(new Value("temperature", round(c.celsius(), 2), "°C"),
                new Value("humidity", round(c.humidity(), 2), "%RH"), new Value("pressure", round(hPa, 2), "hPa")));
    }

    @Override
    void forget() {
        calibration = null;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
