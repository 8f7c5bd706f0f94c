package piot.drivers;

/** Which Pi4J providers back the hardware: the real Pi ({@code pi4j}) or the simulator ({@code sim}). */
public enum Provider {
    /** gpiod for digital in/out, linuxfs for I2C and PWM: a Raspberry Pi. */
    PI4J,
    /** piot's own simulated providers: register-level device models and scripted GPIO. */
    SIM
}
