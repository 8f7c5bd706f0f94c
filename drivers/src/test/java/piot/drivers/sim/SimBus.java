package piot.drivers.sim;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CProvider;
import piot.time.ManualClock;

/** A simulator with a Pi4J context, for talking to device models register by register. */
final class SimBus implements AutoCloseable {
    final ManualClock clock = new ManualClock(0, 1_700_000_000_000L);
    final Simulator sim;
    final Context ctx;

    SimBus(SimulationSpec spec) {
        sim = new Simulator(clock, spec);
        ctx = SimContext.build(sim);
    }

    I2C open(int bus, int address) {
        I2CProvider p = ctx.provider(IOType.I2C);
        return p.create(I2C.newConfigBuilder(ctx).id("dev" + bus + "-" + address).bus(bus).device(address).build());
    }

    @Override
    public void close() {
        ctx.shutdown();
    }
}
