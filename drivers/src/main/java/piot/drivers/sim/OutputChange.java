package piot.drivers.sim;

/**
 * One change of a simulated output, as recorded by the simulator.
 *
 * @param id        the Pi4J I/O id (the actuator id)
 * @param value     digital outputs 1/0; PWM duty cycle in percent (0..100, 0 when off)
 * @param frequency PWM frequency in Hz; 0 for digital outputs
 * @param monoNanos monotonic time of the change
 * @param wallMillis wall time of the change
 */
public record OutputChange(String id, double value, int frequency, long monoNanos, long wallMillis) {
}
