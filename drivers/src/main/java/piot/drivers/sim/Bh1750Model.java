package piot.drivers.sim;

/**
 * A BH1750FVI at opcode level (ROHM datasheet): power down 0x00, power on 0x01, reset 0x07,
 * continuous H/H2/L resolution 0x10/0x11/0x13, one-time H/H2/L 0x20/0x21/0x23 (measure once, then
 * power down). Reads return the 16-bit data register, big-endian, with {@code raw = lux * 1.2}
 * (H and L modes; H2: {@code lux * 2.4}; L mode in 4 lx steps). Conversion time is not modelled.
 */
final class Bh1750Model extends SimDevice {
    private boolean powered;
    private int mode = -1;
    private int data;

    Bh1750Model(String id, int bus, int address) {
        super(id, bus, address);
    }

    @Override
    void write(byte[] data) {
        if (data.length != 1) {
            throw nack("BH1750 opcodes are 1 byte, got " + data.length);
        }
        int op = data[0] & 0xFF;
        switch (op) {
            case 0x00 -> powered = false;
            case 0x01 -> powered = true;
            case 0x07 -> {
                if (powered) {
                    this.data = 0;
                }
            }
            case 0x10, 0x11, 0x13 -> {
                powered = true;
                mode = op;
                this.data = measure(op);
            }
            case 0x20, 0x21, 0x23 -> {
                this.data = measure(op);
                mode = op;
                powered = false;
            }
            default -> throw nack(String.format("BH1750 opcode 0x%02X unknown", op));
        }
    }

    @Override
    byte[] read(int n) {
        if (powered && (mode == 0x10 || mode == 0x11 || mode == 0x13)) {
            data = measure(mode);
        }
        byte[] out = new byte[n];
        if (n > 0) {
            out[0] = (byte) (data >> 8);
        }
        if (n > 1) {
            out[1] = (byte) data;
        }
        return out;
    }

    private int measure(int op) {
        double lux = Math.max(0, inputs.value("light"));
        long raw = switch (op & 0x0F) {
            case 0x01 -> Math.round(lux * 2.4);
            case 0x03 -> Math.round(lux * 1.2) & ~3L;
            default -> Math.round(lux * 1.2);
        };
        return (int) Math.min(65535, raw);
    }
}
