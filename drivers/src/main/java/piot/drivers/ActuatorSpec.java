package piot.drivers;

import java.time.Duration;
import java.util.List;

/** An actuator as the drivers need it (mapped from the YAML {@code actuators:} list). */
public sealed interface ActuatorSpec permits ActuatorSpec.GpioOutput, ActuatorSpec.PwmOutput {
    String id();

    int pin();

    /** Ids of actuators that may not be on at the same time as this one. */
    List<String> interlock();

    /**
     * A relay or LED on a GPIO pin.
     *
     * @param maxOn switch off automatically after being on this long; {@link Duration#ZERO} = no limit
     */
    record GpioOutput(String id, int pin, boolean initial, boolean safeState, Duration maxOn, List<String> interlock)
            implements ActuatorSpec {
        public GpioOutput {
            SensorSpec.checkId(id);
            SensorSpec.checkPin(id, pin);
            if (maxOn == null || maxOn.isNegative()) {
                throw new IllegalArgumentException("actuator " + id + ": max_on must be >= 0 (0 = no limit)");
            }
            interlock = List.copyOf(interlock == null ? List.of() : interlock);
        }

        /** Initial state = safe state = off, no max_on, no interlocks. */
        public static GpioOutput of(String id, int pin) {
            return new GpioOutput(id, pin, false, false, Duration.ZERO, List.of());
        }
    }

    /**
     * A PWM output (fan, dimmer). Duty cycles are 0..1, applied with 1 % resolution.
     *
     * @param frequency Hz, 1..100000
     */
    record PwmOutput(String id, int pin, double initial, double safeState, int frequency, List<String> interlock)
            implements ActuatorSpec {
        public PwmOutput {
            SensorSpec.checkId(id);
            SensorSpec.checkPin(id, pin);
            if (!(initial >= 0 && initial <= 1) || !(safeState >= 0 && safeState <= 1)) {
                throw new IllegalArgumentException("actuator " + id + ": initial and safe_state duty must be in 0..1");
            }
            if (frequency < 1 || frequency > 100_000) {
                throw new IllegalArgumentException("actuator " + id + ": frequency " + frequency + " not in 1..100000 Hz");
            }
            interlock = List.copyOf(interlock == null ? List.of() : interlock);
        }
    }
}
