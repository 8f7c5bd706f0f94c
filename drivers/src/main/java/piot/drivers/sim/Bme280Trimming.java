package piot.drivers.sim;

/**
 * The BME280 trimming values the simulated chip carries in its calibration registers, and the
 * datasheet's fixed-point compensation (BME280 datasheet 4.2.3: 32-bit temperature and humidity,
 * 64-bit pressure) used to turn a physical value back into the raw ADC value that compensates to it.
 * The driver uses the floating-point formulas (datasheet 8.1); both must agree.
 */
record Bme280Trimming(int t1, int t2, int t3, int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
                      int h1, int h2, int h3, int h4, int h5, int h6) {

    /** The example trimming published with the datasheet (humidity: a typical chip's values). */
    static final Bme280Trimming EXAMPLE = new Bme280Trimming(27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
            75, 362, 0, 313, 50, 30);

    /** Registers 0x88..0xA1 (26 bytes) as the chip stores them. */
    byte[] block1() {
        byte[] b = new byte[26];
        int[] words = {t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9};
        for (int i = 0; i < words.length; i++) {
            b[2 * i] = (byte) words[i];
            b[2 * i + 1] = (byte) (words[i] >> 8);
        }
        b[25] = (byte) h1; // 0xA1; 0xA0 is unused
        return b;
    }

    /** Registers 0xE1..0xE7 (7 bytes): H4 and H5 are 12-bit values sharing 0xE5. */
    byte[] block2() {
        return new byte[] {(byte) h2, (byte) (h2 >> 8), (byte) h3,
                (byte) (h4 >> 4), (byte) ((h4 & 0x0F) | ((h5 & 0x0F) << 4)), (byte) (h5 >> 4), (byte) h6};
    }

    /** t_fine for a raw temperature (datasheet BME280_compensate_T_int32). */
    int tFine(int adcT) {
        int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
        int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
        return var1 + var2;
    }

    /** Temperature in 0.01 °C. */
    int temperatureCentiDegrees(int adcT) {
        return (tFine(adcT) * 5 + 128) >> 8;
    }

    /** Pressure in Pa as Q24.8 (datasheet BME280_compensate_P_int64). */
    long pressureQ24x8(int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * p6;
        var2 = var2 + ((var1 * p5) << 17);
        var2 = var2 + (((long) p4) << 35);
        var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12);
        var1 = ((((1L) << 47) + var1)) * p1 >> 33;
        if (var1 == 0) {
            return 0;
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) p9) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) p8) * p) >> 19;
        return ((p + var1 + var2) >> 8) + (((long) p7) << 4);
    }

    /** Relative humidity as Q22.10 %RH (datasheet bme280_compensate_H_int32). */
    int humidityQ22x10(int adcH, int tFine) {
        int v = tFine - 76800;
        v = (((((adcH << 14) - (h4 << 20) - (h5 * v)) + 16384) >> 15)
                * (((((((v * h6) >> 10) * (((v * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192) >> 14));
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * h1) >> 4);
        v = Math.max(0, Math.min(419430400, v));
        return v >> 12;
    }

    /** The 20-bit raw temperature that compensates closest to {@code celsius}. */
    int rawTemperature(double celsius) {
        long target = Math.round(celsius * 100);
        return search(0, 0xFFFFF, adc -> temperatureCentiDegrees(adc) - target, true);
    }

    /** The 20-bit raw pressure that compensates closest to {@code hPa} at this t_fine. */
    int rawPressure(double hPa, int tFine) {
        long target = Math.round(hPa * 100 * 256);
        return search(0, 0xFFFFF, adc -> pressureQ24x8(adc, tFine) - target, false);
    }

    /** The 16-bit raw humidity that compensates closest to {@code percent} at this t_fine. */
    int rawHumidity(double percent, int tFine) {
        long target = Math.round(percent * 1024);
        return search(0, 0xFFFF, adc -> humidityQ22x10(adc, tFine) - target, true);
    }

    /** Binary search of a monotonic error function over [lo, hi] for the adc with the smallest |error|. */
    private static int search(int lo, int hi, java.util.function.IntToLongFunction error, boolean increasing) {
        int a = lo;
        int b = hi;
        for (int i = 0; i < 32 && a < b; i++) { // 32 halvings cover any 20-bit range
            int mid = (a + b) >>> 1;
            long e = error.applyAsLong(mid);
            if (increasing ? e < 0 : e > 0) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        if (a > lo && Math.abs(error.applyAsLong(a - 1)) < Math.abs(error.applyAsLong(a))) {
            return a - 1;
        }
        return a;
    }
}
