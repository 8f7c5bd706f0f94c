package piot.drivers.sim;

import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CBusBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import java.util.Arrays;

/**
 * One simulated I2C device handle. Each Pi4J call is one bus transaction; a register read is a
 * write of the register address followed by a read (repeated start), as on a real bus.
 */
final class SimI2C extends I2CBase<SimI2C.Bus> {
    static final class Bus extends I2CBusBase {
        Bus(I2CConfig config) {
            super(config);
        }

        @Override
        public <R> R execute(com.pi4j.io.i2c.I2C i2c, java.util.concurrent.Callable<R> action) {
            return _execute(i2c, action);
        }
    }

    private final Simulator simulator;

    SimI2C(I2CProvider provider, I2CConfig config, Simulator simulator) {
        super(provider, config, new Bus(config));
        this.simulator = simulator;
    }

    private void tx(byte[] data) {
        simulator.write(bus(), device(), data);
    }

    private int rx(byte[] buffer, int offset, int length) {
        byte[] got = simulator.read(bus(), device(), length);
        System.arraycopy(got, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int read() {
        byte[] b = new byte[1];
        rx(b, 0, 1);
        return b[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return rx(buffer, offset, length);
    }

    @Override
    public int write(byte b) {
        tx(new byte[] {b});
        return 1;
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        tx(Arrays.copyOfRange(data, offset, offset + length));
        return length;
    }

    @Override
    public int readRegister(int register) {
        tx(new byte[] {(byte) register});
        return read();
    }

    @Override
    public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        tx(register.clone());
        return rx(buffer, offset, length);
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        tx(new byte[] {(byte) register});
        return rx(buffer, offset, length);
    }

    @Override
    public int writeRegister(int register, byte b) {
        tx(new byte[] {(byte) register, b});
        return 1;
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        byte[] all = new byte[length + 1];
        all[0] = (byte) register;
        System.arraycopy(data, offset, all, 1, length);
        tx(all);
        return length;
    }

    @Override
    public int writeRegister(byte[] register, byte[] data, int offset, int length) {
        byte[] all = Arrays.copyOf(register, register.length + length);
        System.arraycopy(data, offset, all, register.length, length);
        tx(all);
        return length;
    }
}
