package piot.drivers.i2c;

/** The CRC-8 Sensirion sensors put after every 16-bit word: polynomial 0x31, init 0xFF, no reflection. */
public final class Crc8 {
    private Crc8() {
    }

    public static int sensirion(byte[] data, int offset, int length) {
        int crc = 0xFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }
}
