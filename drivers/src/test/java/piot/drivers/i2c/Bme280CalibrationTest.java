package piot.drivers.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The datasheet's floating-point compensation with the example trimming published with it. */
class Bme280CalibrationTest {
    static final Bme280Calibration EXAMPLE = new Bme280Calibration(27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000, 75, 362, 0, 313, 50, 30);

    @Test
    void theDatasheetTemperatureExampleGives25Point08Degrees() {
        Bme280Calibration.Compensated c = EXAMPLE.compensate(519888, 415148, 30000);
        assertEquals(25.08, c.celsius(), 0.005);
    }

    @Test
    void theDatasheetPressureExampleGivesAbout100653Pascal() {
        Bme280Calibration.Compensated c = EXAMPLE.compensate(519888, 415148, 30000);
        assertEquals(100653, c.pascal(), 1.0);
    }

    @Test
    void calibrationRegistersParseLittleEndianSignedWordsAnd12BitHumidityFields() {
        byte[] b1 = new byte[26];
        int[] words = {27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
        for (int i = 0; i < words.length; i++) {
            b1[2 * i] = (byte) words[i];
            b1[2 * i + 1] = (byte) (words[i] >> 8);
        }
        b1[25] = 75;
        // H2=362, H3=0, H4=313 (0x139), H5=-50 (0xFCE): 0xE4=0x13, 0xE5=0xE9, 0xE6=0xFC, H6=-3
        byte[] b2 = {(byte) 0x6A, 0x01, 0x00, 0x13, (byte) 0xE9, (byte) 0xFC, (byte) 0xFD};
        Bme280Calibration c = Bme280Calibration.parse(b1, b2);
        assertEquals(new Bme280Calibration(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
                75, 362, 0, 313, -50, -3), c);
    }
}
