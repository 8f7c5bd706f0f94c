package piot.drivers.sim;

/**
 * A BME280 at register level (Bosch datasheet section 5): chip id 0xD0, reset 0xE0, calibration
 * 0x88..0xA1 and 0xE1..0xE7, ctrl_hum 0xF2 (latched by the next ctrl_meas write), status 0xF3,
 * ctrl_meas 0xF4, config 0xF5, data 0xF7..0xFE. Writes are (register, value) pairs; reads
 * auto-increment from the last written register. Forced mode measures once when ctrl_meas is
 * written and returns to sleep; the status register shows "measuring" to the first poll after that.
 * Normal mode measures again whenever the data registers are read. A skipped measurement
 * (oversampling 0) reads 0x80000 (0x8000 for humidity), as on the chip.
 */
final class Bme280Model extends SimDevice {
    static final int CHIP_ID = 0x60;
    static final int WRONG_CHIP_ID = 0x58;

    private final Bme280Trimming trimming;
    private final byte[] regs = new byte[256];
    private int pointer;
    private int latchedOsrsH;
    private boolean measuringShown;

    Bme280Model(String id, int bus, int address, Bme280Trimming trimming) {
        super(id, bus, address);
        this.trimming = trimming;
        reset();
    }

    private void reset() {
        java.util.Arrays.fill(regs, (byte) 0);
        System.arraycopy(trimming.block1(), 0, regs, 0x88, 26);
        System.arraycopy(trimming.block2(), 0, regs, 0xE1, 7);
        regs[0xD0] = (byte) CHIP_ID;
        writeRaw(0x80000, 0x80000, 0x8000);
        latchedOsrsH = 0;
        measuringShown = false;
    }

    @Override
    void write(byte[] data) {
        if (data.length == 0) {
            return;
        }
        pointer = data[0] & 0xFF;
        for (int i = 0; i + 1 < data.length; i += 2) {
            writeRegister(data[i] & 0xFF, data[i + 1] & 0xFF);
        }
    }

    private void writeRegister(int reg, int value) {
        switch (reg) {
            case 0xE0 -> {
                if (value == 0xB6) {
                    reset();
                }
            }
            case 0xF2 -> regs[0xF2] = (byte) (value & 0x07);
            case 0xF5 -> regs[0xF5] = (byte) (value & 0xFD);
            case 0xF4 -> {
                regs[0xF4] = (byte) value;
                latchedOsrsH = regs[0xF2] & 0x07;
                int mode = value & 0x03;
                if (mode == 1 || mode == 2) {
                    measure();
                    measuringShown = false;
                    regs[0xF4] = (byte) (value & ~0x03); // back to sleep once done
                }
            }
            default -> { } // read-only or reserved: the chip ignores the write
        }
    }

    @Override
    byte[] read(int n) {
        int mode = regs[0xF4] & 0x03;
        if (mode == 3 && pointer >= 0xF7 && pointer <= 0xFE) {
            measure();
        }
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int reg = (pointer + i) & 0xFF;
            out[i] = switch (reg) {
                case 0xD0 -> (byte) (inputs.faulty(FaultKind.WRONG_CHIP_ID) ? WRONG_CHIP_ID : CHIP_ID);
                case 0xF3 -> status();
                default -> regs[reg];
            };
        }
        return out;
    }

    private byte status() {
        // A real conversion takes milliseconds; the first poll after a trigger sees it in progress.
        if ((regs[0xF4] & 0x03) != 3 && !measuringShown) {
            measuringShown = true;
            return 0x08;
        }
        return 0x00;
    }

    private void measure() {
        int osrsT = (regs[0xF4] >> 5) & 0x07;
        int osrsP = (regs[0xF4] >> 2) & 0x07;
        int adcT = trimming.rawTemperature(inputs.value("temperature"));
        int tFine = trimming.tFine(adcT);
        int adcP = trimming.rawPressure(inputs.value("pressure"), tFine);
        int adcH = trimming.rawHumidity(inputs.value("humidity"), tFine);
        // Without a temperature measurement the chip cannot compensate; it reports every channel as skipped.
        writeRaw(osrsP == 0 || osrsT == 0 ? 0x80000 : adcP, osrsT == 0 ? 0x80000 : adcT,
                latchedOsrsH == 0 || osrsT == 0 ? 0x8000 : adcH);
    }

    private void writeRaw(int adcP, int adcT, int adcH) {
        regs[0xF7] = (byte) (adcP >> 12);
        regs[0xF8] = (byte) (adcP >> 4);
        regs[0xF9] = (byte) ((adcP & 0x0F) << 4);
        regs[0xFA] = (byte) (adcT >> 12);
        regs[0xFB] = (byte) (adcT >> 4);
        regs[0xFC] = (byte) ((adcT & 0x0F) << 4);
        regs[0xFD] = (byte) (adcH >> 8);
        regs[0xFE] = (byte) adcH;
    }
}
