package piot.drivers.sim;

/**
 * An SHT3x-DIS at command level (Sensirion datasheet section 4): 16-bit commands, single-shot
 * measurements with and without clock stretching (0x2C06/0D/10, 0x2400/0B/16), soft reset 0x30A2,
 * read status 0xF32D. A measurement read returns T msb, lsb, CRC, RH msb, lsb, CRC with CRC-8
 * (polynomial 0x31, init 0xFF) on each word. Conversion time is not modelled: the result is ready
 * at once. Reading with no result pending is NACKed, as the chip does.
 */
final class Sht31Model extends SimDevice {
    private byte[] pending;

    Sht31Model(String id, int bus, int address) {
        super(id, bus, address);
    }

    @Override
    void write(byte[] data) {
        if (data.length != 2) {
            throw nack("SHT31 commands are 2 bytes, got " + data.length);
        }
        int command = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        switch (command) {
            case 0x2C06, 0x2C0D, 0x2C10, 0x2400, 0x240B, 0x2416 -> pending = measurement();
            case 0x30A2 -> pending = null;
            case 0xF32D -> pending = words(0x0000);
            default -> throw nack(String.format("SHT31 command 0x%04X unknown", command));
        }
    }

    @Override
    byte[] read(int n) {
        if (pending == null) {
            throw nack("SHT31 has no result to read");
        }
        byte[] out = new byte[n];
        System.arraycopy(pending, 0, out, 0, Math.min(n, pending.length));
        pending = null;
        return out;
    }

    private byte[] measurement() {
        double t = inputs.value("temperature");
        double rh = inputs.value("humidity");
        int rawT = clamp16(Math.round((t + 45) / 175 * 65535));
        int rawH = clamp16(Math.round(rh / 100 * 65535));
        return words(rawT, rawH);
    }

    private byte[] words(int... words) {
        byte[] out = new byte[3 * words.length];
        for (int i = 0; i < words.length; i++) {
            out[3 * i] = (byte) (words[i] >> 8);
            out[3 * i + 1] = (byte) words[i];
            int crc = piot.drivers.i2c.Crc8.sensirion(out, 3 * i, 2);
            out[3 * i + 2] = (byte) (inputs.faulty(FaultKind.CRC) ? crc ^ 0x5A : crc);
        }
        return out;
    }

    private static int clamp16(long v) {
        return (int) Math.max(0, Math.min(65535, v));
    }
}
