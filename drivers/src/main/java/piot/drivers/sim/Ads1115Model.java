package piot.drivers.sim;

/**
 * An ADS1115 at register level (TI datasheet section 8.6): pointer register, conversion (0x00,
 * signed 16 bit), config (0x01: OS, MUX, PGA, MODE, DR, comparator bits; reset 0x8583), lo/hi
 * thresholds (0x02/0x03). Writing config with OS=1 in single-shot mode converts the selected input;
 * the first config read after that shows the conversion in progress (OS=0). In continuous mode
 * every conversion-register read converts afresh. Inputs are volts, clipped to the PGA range.
 */
final class Ads1115Model extends SimDevice {
    static final double[] FSR = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};

    private final String[] channelQuantities;
    private final int[] regs = {0, 0x8583, 0x8000, 0x7FFF};
    private int pointer;
    private boolean busyShown = true;

    /** @param channelQuantities quantity name per input AIN0..AIN3 (null: the input is at 0 V) */
    Ads1115Model(String id, int bus, int address, String[] channelQuantities) {
        super(id, bus, address);
        this.channelQuantities = channelQuantities.clone();
    }

    @Override
    void write(byte[] data) {
        if (data.length == 0) {
            return;
        }
        pointer = data[0] & 0x03;
        if (data.length >= 3 && pointer != 0) {
            int value = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
            if (pointer == 1) {
                writeConfig(value);
            } else {
                regs[pointer] = value;
            }
        }
    }

    private void writeConfig(int value) {
        boolean start = (value & 0x8000) != 0;
        boolean singleShot = (value & 0x0100) != 0;
        regs[1] = (value & 0x7FFF) | 0x8000;
        if (singleShot && start) {
            regs[0] = convert();
            busyShown = false;
        }
    }

    @Override
    byte[] read(int n) {
        int value;
        if (pointer == 1 && !busyShown) {
            busyShown = true;
            value = regs[1] & 0x7FFF;
        } else {
            if (pointer == 0 && (regs[1] & 0x0100) == 0) {
                regs[0] = convert();
            }
            value = regs[pointer];
        }
        byte[] out = new byte[n];
        if (n > 0) {
            out[0] = (byte) (value >> 8);
        }
        if (n > 1) {
            out[1] = (byte) value;
        }
        return out;
    }

    private int convert() {
        int mux = (regs[1] >> 12) & 0x07;
        double fsr = FSR[(regs[1] >> 9) & 0x07];
        double volts = switch (mux) {
            case 0 -> volts(0) - volts(1);
            case 1 -> volts(0) - volts(3);
            case 2 -> volts(1) - volts(3);
            case 3 -> volts(2) - volts(3);
            default -> volts(mux - 4);
        };
        long raw = Math.round(volts / fsr * 32768);
        return (int) Math.max(-32768, Math.min(32767, raw)) & 0xFFFF;
    }

    private double volts(int channel) {
        String q = channelQuantities[channel];
        return q == null ? 0.0 : inputs.value(q);
    }
}
