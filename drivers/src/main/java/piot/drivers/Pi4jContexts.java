package piot.drivers;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;

/** The real Pi4J context, built explicitly (no auto-detection, so the mock plugin can never win). */
final class Pi4jContexts {
    private Pi4jContexts() {
    }

    /** gpiod for digital in/out (/dev/gpiochip*), linuxfs for I2C (/dev/i2c-N) and PWM (/sys/class/pwm/pwmchip0). */
    static Context real() {
        return Pi4J.newContextBuilder().noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                        LinuxFsI2CProvider.newInstance(), LinuxFsPwmProvider.newInstance(0))
                .build();
    }
}
