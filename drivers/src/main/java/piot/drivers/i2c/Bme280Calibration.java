package piot.drivers.i2c;

/**
 * The trimming parameters of one BME280 and the datasheet's floating-point compensation formulas
 * (Bosch BME280 datasheet, section 8.1). Parsed from registers 0x88..0xA1 and 0xE1..0xE7.
 */
public record Bme280Calibration(int t1, int t2, int t3, int p1, int p2, int p3, int p4, int p5, int p6, int p7,
                                int p8, int p9, int h1, int h2, int h3, int h4, int h5, int h6) {

    /** Compensated values: °C, Pa, %RH. */
    public record Compensated(double celsius, double pascal, double humidity) {
    }

    /** Parses the 26 bytes from 0x88 and the 7 bytes from 0xE1. */
    public static Bme280Calibration parse(byte[] b1, byte[] b2) {
        return new Bme280Calibration(u16(b1, 0), s16(b1, 2), s16(b1, 4),
                u16(b1, 6), s16(b1, 8), s16(b1, 10), s16(b1, 12), s16(b1, 14), s16(b1, 16), s16(b1, 18),
                s16(b1, 20), s16(b1, 22),
                b1[25] & 0xFF, s16(b2, 0), b2[2] & 0xFF,
                signed12(((b2[3] & 0xFF) << 4) | (b2[4] & 0x0F)),
                signed12(((b2[5] & 0xFF) << 4) | ((b2[4] & 0xFF) >> 4)),
                b2[6]);
    }

    /** Temperature first (it yields t_fine), then pressure and humidity. */
    public Compensated compensate(int adcT, int adcP, int adcH) {
        double var1 = (adcT / 16384.0 - t1 / 1024.0) * t2;
        double var2 = (adcT / 131072.0 - t1 / 8192.0) * (adcT / 131072.0 - t1 / 8192.0) * t3;
        double tFine = (int) (var1 + var2);
        double celsius = (var1 + var2) / 5120.0;
        return new Compensated(celsius, pressure(adcP, tFine), humidity(adcH, tFine));
    }

    private double pressure(int adcP, double tFine) {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * p6 / 32768.0;
        var2 = var2 + var1 * p5 * 2.0;
        var2 = var2 / 4.0 + p4 * 65536.0;
        var1 = (p3 * var1 * var1 / 524288.0 + p2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * p1;
        if (var1 == 0.0) {
            return 0; // the datasheet's guard against division by zero
        }
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = p9 * p * p / 2147483648.0;
        var2 = p * p8 / 32768.0;
        return p + (var1 + var2 + p7) / 16.0;
    }

    private double humidity(int adcH, double tFine) {
        double h = tFine - 76800.0;
        h = (adcH - (h4 * 64.0 + h5 / 16384.0 * h)) * (h2 / 65536.0 * (1.0 + h6 / 67108864.0 * h * (1.0 + h3 / 67108864.0 * h)));
        h = h * (1.0 - h1 * h / 524288.0);
        return Math.max(0.0, Math.min(100.0, h));
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }

    private static int signed12(int v) {
        return (v << 20) >> 20;
    }
}
