package piot.drivers;

/**
 * The outcome of {@link Actuator#apply}: applied (with the state now in force) or refused with a reason.
 *
 * @param applied true when the output now has the requested state
 * @param state   the actuator's state after the call (1/0 for gpio-output, duty 0..1 for pwm-output)
 * @param reason  why it was refused, empty when applied
 */
public record ActuationResult(boolean applied, double state, String reason) {
    public static ActuationResult ok(double state) {
        return new ActuationResult(true, state, "");
    }

    public static ActuationResult refused(double state, String reason) {
        return new ActuationResult(false, state, reason);
    }
}
