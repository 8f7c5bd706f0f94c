package piot.drivers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import piot.drivers.sim.SimulationSpec;

/**
 * Everything {@link Hardware#open} needs: which providers, the sensors, the actuators and (for
 * {@link Provider#SIM}) the simulation. The constructor repeats the config cross-checks that
 * matter to the drivers (unique ids, one pin used once, one I2C address used once, interlocks
 * naming actuators that exist) and throws {@link IllegalArgumentException} saying what is wrong.
 *
 * @param simulation used only with {@link Provider#SIM}; {@code null} means {@link SimulationSpec#defaults()}
 */
public record HardwareSpec(Provider provider, List<SensorSpec> sensors, List<ActuatorSpec> actuators,
                           SimulationSpec simulation) {
    public HardwareSpec {
        if (provider == null) {
            throw new IllegalArgumentException("hardware provider missing (pi4j or sim)");
        }
        sensors = List.copyOf(sensors == null ? List.of() : sensors);
        actuators = List.copyOf(actuators == null ? List.of() : actuators);
        simulation = simulation == null ? SimulationSpec.defaults() : simulation;
        Set<String> ids = new HashSet<>();
        Set<Integer> pins = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (SensorSpec s : sensors) {
            unique(ids, s.id());
            switch (s) {
                case SensorSpec.GpioInput g -> pin(pins, g.pin(), g.id());
                case SensorSpec.I2c i -> {
                    if (!addresses.add(i.where())) {
                        throw new IllegalArgumentException("sensor " + i.id() + ": " + i.where() + " is used by another sensor");
                    }
                }
            }
        }
        Set<String> actuatorIds = new HashSet<>();
        for (ActuatorSpec a : actuators) {
            unique(ids, a.id());
            pin(pins, a.pin(), a.id());
            actuatorIds.add(a.id());
        }
        for (ActuatorSpec a : actuators) {
            for (String other : a.interlock()) {
                if (!actuatorIds.contains(other) || other.equals(a.id())) {
                    throw new IllegalArgumentException("actuator " + a.id() + ": interlock '" + other
                            + "' is not another actuator; actuators: " + actuatorIds);
                }
            }
        }
    }

    private static void unique(Set<String> ids, String id) {
        if (!ids.add(id)) {
            throw new IllegalArgumentException("id " + id + " is used twice (sensor and actuator ids share one namespace)");
        }
    }

    private static void pin(Set<Integer> pins, int pin, String id) {
        if (!pins.add(pin)) {
            throw new IllegalArgumentException(id + ": gpio " + pin + " is used by another sensor or actuator");
        }
    }
}
