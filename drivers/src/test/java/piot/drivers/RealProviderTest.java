package piot.drivers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Off a Pi the real providers cannot open a pin; that must be a clear start-up error, not a crash or a mock. */
class RealProviderTest {
    @Test
    void openingRealHardwareWithoutAPiFailsWithTheThingThatCouldNotBeOpened() {
        var spec = new HardwareSpec(Provider.PI4J,
                List.of(new SensorSpec.GpioInput("door", 17, SensorSpec.Pull.UP, Duration.ZERO, false)), List.of(), null);
        var e = assertThrows(HardwareException.class, () -> Hardware.openStepped(spec, piot.time.Clock.system(), new RecordingSink()));
        System.out.println(e.getMessage());
        assertTrue(e.getMessage().startsWith("sensor door: cannot open gpio 17 as input") || e.getMessage().startsWith("cannot start Pi4J"),
                e.getMessage());
    }

    @Test
    void anI2cBusThatDoesNotExistIsAStartUpErrorOrASensorFaultNeverACrash() {
        var spec = new HardwareSpec(Provider.PI4J, List.of(SensorSpec.I2c.of("air", SensorSpec.I2cType.BME280, 9, 0x76)), List.of(), null);
        RecordingSink sink = new RecordingSink();
        try (Hardware hw = Hardware.openStepped(spec, piot.time.Clock.system(), sink)) {
            hw.runDue(System.nanoTime());
            System.out.println(sink.log);
            assertTrue(sink.faults.size() == 1 && sink.readings.isEmpty(), sink.log.toString());
        } catch (HardwareException e) {
            System.out.println(e.getMessage());
            assertTrue(e.getMessage().startsWith("sensor air: cannot open i2c-9 0x76: "), e.getMessage());
        }
    }
}
