package piot.drivers.sim;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;

/** A simulated output line that records every change with its time in the {@link Simulator}. */
final class SimDigitalOutput extends DigitalOutputBase {
    private final Simulator simulator;

    SimDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, Simulator simulator) {
        super(provider, config);
        this.simulator = simulator;
    }

    @Override
    public DigitalOutput state(DigitalState newState) throws IOException {
        DigitalState before = this.state;
        super.state(newState);
        if (before != newState) {
            simulator.record(id(), newState.isHigh() ? 1 : 0, 0);
        }
        return this;
    }

    /** The provider. */
    static final class Provider extends DigitalOutputProviderBase {
        private final Simulator simulator;

        Provider(Simulator simulator) {
            super("piot-sim-digital-output", "piot simulated digital output");
            this.simulator = simulator;
        }

        @Override
        public int getPriority() {
            return 1000;
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            SimDigitalOutput out = new SimDigitalOutput(this, config, simulator);
            context.registry().add(out);
            return out;
        }
    }
}
