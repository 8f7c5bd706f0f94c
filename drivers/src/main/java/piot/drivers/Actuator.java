package piot.drivers;

/**
 * One output (relay, LED, PWM fan) as the router sees it. Thread-safe.
 */
public interface Actuator {
    String id();

    /**
     * Sets the output. A gpio-output accepts {@code true/false}, {@code "on"/"off"}, {@code 1/0};
     * a pwm-output a duty cycle {@code 0..1} (number or numeric string). Refuses, without throwing,
     * a value of the wrong kind, switching on while an interlocked actuator is on, and an output
     * error; the result carries the reason and the state actually in force.
     */
    ActuationResult apply(Object value);

    /** Puts the output in its configured safe state. */
    ActuationResult safeState();

    /** The current state: 1/0 for gpio-output, duty 0..1 for pwm-output. */
    double state();

    /** True when the output is on (gpio high, or duty above 0). */
    default boolean isOn() {
        return state() > 0;
    }

    ThingDescription description();
}
