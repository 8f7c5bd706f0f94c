package piot.drivers.sim;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

/** Builds the simulated Pi4J context: piot's own four providers and nothing detected. */
public final class SimContext {
    private SimContext() {
    }

    public static Context build(Simulator simulator) {
        return Pi4J.newContextBuilder().noAutoDetect()
                .add(new SimI2CProvider(simulator), new SimDigitalInput.Provider(simulator),
                        new SimDigitalOutput.Provider(simulator), new SimPwm.Provider(simulator))
                .build();
    }
}
