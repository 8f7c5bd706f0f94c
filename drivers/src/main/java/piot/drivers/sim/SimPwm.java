package piot.drivers.sim;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmBase;
import com.pi4j.io.pwm.PwmConfig;
import com.pi4j.io.pwm.PwmProvider;
import com.pi4j.io.pwm.PwmProviderBase;

/** A simulated PWM channel that records every (duty, frequency) it is switched to. */
final class SimPwm extends PwmBase {
    private final Simulator simulator;
    private double lastDuty = -1;
    private int lastFrequency = -1;

    SimPwm(PwmProvider provider, PwmConfig config, Simulator simulator) {
        super(provider, config);
        this.simulator = simulator;
    }

    @Override
    public Pwm on() throws IOException {
        onState = true;
        recordIfChanged(dutyCycle == null ? 0 : dutyCycle, frequency);
        return this;
    }

    @Override
    public Pwm off() throws IOException {
        onState = false;
        recordIfChanged(0, frequency);
        return this;
    }

    private void recordIfChanged(double duty, int freq) {
        if (duty != lastDuty || freq != lastFrequency) {
            lastDuty = duty;
            lastFrequency = freq;
            simulator.record(id(), duty, freq);
        }
    }

    /** The provider. */
    static final class Provider extends PwmProviderBase {
        private final Simulator simulator;

        Provider(Simulator simulator) {
            super("piot-sim-pwm", "piot simulated PWM");
            this.simulator = simulator;
        }

        @Override
        public int getPriority() {
            return 1000;
        }

        @Override
        public Pwm create(PwmConfig config) {
            SimPwm pwm = new SimPwm(this, config, simulator);
            context.registry().add(pwm);
            return pwm;
        }
    }
}
