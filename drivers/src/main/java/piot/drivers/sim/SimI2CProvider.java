package piot.drivers.sim;

import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;

/** Pi4J I2C provider whose buses are the {@link Simulator}'s device models. */
final class SimI2CProvider extends I2CProviderBase {
    private final Simulator simulator;

    SimI2CProvider(Simulator simulator) {
        super("piot-sim-i2c", "piot simulated I2C");
        this.simulator = simulator;
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    @Override
    public I2C create(I2CConfig config) {
        SimI2C i2c = new SimI2C(this, config, simulator);
        context.registry().add(i2c);
        return i2c;
    }
}
