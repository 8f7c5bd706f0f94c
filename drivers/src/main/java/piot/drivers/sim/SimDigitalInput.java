package piot.drivers.sim;

import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;

/** A simulated input line: its level follows the signal the {@link Simulator} drives it with. */
final class SimDigitalInput extends DigitalInputBase {
    private final Simulator simulator;
    private final int pin;

    SimDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, Simulator simulator) {
        super(provider, config);
        this.simulator = simulator;
        this.pin = config.address();
    }

    @Override
    public DigitalState state() {
        return simulator.inputLevel(pin) ? DigitalState.HIGH : DigitalState.LOW;
    }

    void fire(boolean high) {
        dispatch(new DigitalStateChangeEvent<>(this, high ? DigitalState.HIGH : DigitalState.LOW));
    }

    /** The provider. */
    static final class Provider extends DigitalInputProviderBase {
        private final Simulator simulator;

        Provider(Simulator simulator) {
            super("piot-sim-digital-input", "piot simulated digital input");
            this.simulator = simulator;
        }

        @Override
        public int getPriority() {
            return 1000;
        }

        @Override
        public com.pi4j.io.gpio.digital.DigitalInput create(DigitalInputConfig config) {
            SimDigitalInput in = new SimDigitalInput(this, config, simulator);
            simulator.attach(config.address(), in);
            context.registry().add(in);
            return in;
        }
    }
}
