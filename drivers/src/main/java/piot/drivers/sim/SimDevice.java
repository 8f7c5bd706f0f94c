package piot.drivers.sim;

/**
 * A register-level model of one I2C chip: it sees whole transfers (a write of some bytes, or a
 * read of some bytes), exactly as the chip on a real bus does. Faults that stop the bus (NACK,
 * absent, intermittent) are applied by the {@link Simulator} before the model is called; faults
 * that change what the chip says (stuck, wrong chip id, CRC) the model asks for through
 * {@link Inputs}. Called only under the simulator's lock.
 */
abstract class SimDevice {
    /** What the model sees of the simulated world. */
    interface Inputs {
        /** The physical quantity now (or frozen, while a stuck fault is active). */
        double value(String quantity);

        boolean faulty(FaultKind kind);
    }

    final String id;
    final int bus;
    final int address;
    Inputs inputs;

    SimDevice(String id, int bus, int address) {
        this.id = id;
        this.bus = bus;
        this.address = address;
    }

    /** One write transfer (after the address byte). */
    abstract void write(byte[] data);

    /** One read transfer of {@code n} bytes. */
    abstract byte[] read(int n);

    String where() {
        return "i2c-" + bus + " 0x" + String.format("%02x", address);
    }

    com.pi4j.io.exception.IOException nack(String what) {
        return new com.pi4j.io.exception.IOException(where() + ": remote I/O error (" + what + ")");
    }
}
