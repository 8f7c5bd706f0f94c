package piot.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An actuator of a device file; switch over the permitted records to build its driver. */
public sealed interface ActuatorConfig {
    String id();

    int pin();

    /** Actuator ids that may not be on at the same time as this one. */
    List<String> interlock();

    /** Go to the safe state when there has been no session to a peer for a while. */
    Optional<Watchdog> watchdog();

    /** Nodes allowed to actuate; empty = every node of the network. */
    Optional<List<String>> allow();

    /** A relay or similar on/off output; {@code maxOn} switches it off after being on that long. */
    record GpioOutput(String id, int pin, boolean initial, boolean safeState, Optional<Duration> maxOn,
                      List<String> interlock, Optional<Watchdog> watchdog, Optional<List<String>> allow)
            implements ActuatorConfig {
        public GpioOutput {
            interlock = List.copyOf(interlock);
            allow = allow.map(List::copyOf);
        }
    }

    /** A PWM output; duties are 0..1. */
    record PwmOutput(String id, int pin, int frequency, double initial, double safeState,
                     List<String> interlock, Optional<Watchdog> watchdog, Optional<List<String>> allow)
            implements ActuatorConfig {
        public PwmOutput {
            interlock = List.copyOf(interlock);
            allow = allow.map(List::copyOf);
        }
    }

    /** Safe state when no session to {@code peer} for {@code after}. */
    record Watchdog(String peer, Duration after) {}
}
