package piot.drivers;

/** The hardware could not be opened (a pin, bus or PWM channel is unusable); the message says which and why. */
public final class HardwareException extends RuntimeException {
    public HardwareException(String message, Throwable cause) {
        super(message, cause);
    }

    public HardwareException(String message) {
        super(message);
    }
}
