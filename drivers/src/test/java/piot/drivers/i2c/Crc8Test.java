package piot.drivers.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Crc8Test {
    @Test
    void theSensirionDatasheetExampleBeefGives0x92() {
        assertEquals(0x92, Crc8.sensirion(new byte[] {(byte) 0xBE, (byte) 0xEF}, 0, 2));
    }

    @Test
    void zeroWordGives0x81() {
        assertEquals(0x81, Crc8.sensirion(new byte[] {0, 0}, 0, 2));
    }
}
