package piot.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import piot.gateway.config.ActuatorConfig.GpioOutput;
import piot.gateway.config.SensorConfig.GpioInput;
import piot.gateway.config.SensorConfig.I2cSensor;
import piot.gateway.config.SimulationConfig.Signal;

/** What a loaded file holds: values as written, and the documented defaults where nothing is written. */
class ConfigValuesTest {
    static DeviceConfig load(String yaml) {
        LoadResult r = ConfigLoader.parse(Path.of("test.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
        return assertInstanceOf(LoadResult.Loaded.class, r, () -> r.toString()).config();
    }

    @Test
    void aMinimalFileGetsEveryDefault() {
        DeviceConfig c = load("node: { name: gh-1, network: home }\n");
        assertEquals(new HostPort("0.0.0.0", 7420), c.node().listen());
        assertEquals(Path.of("/var/lib/piot"), c.node().dataDir());
        assertEquals(Duration.ofSeconds(1), c.node().heartbeat());
        assertEquals(3, c.node().heartbeatMisses());
        assertEquals(Optional.empty(), c.security());
        assertEquals(new DeviceConfig.DiscoveryConfig(false, 7421, Duration.ofSeconds(2), "255.255.255.255"), c.discovery());
        assertEquals(DeviceConfig.HardwareConfig.Provider.PI4J, c.hardware().provider());
        assertEquals(new DeviceConfig.HoldingConfig(Duration.ofMillis(5), 100_000, 64L << 20,
                DeviceConfig.HoldingConfig.Overflow.DROP_OLDEST, Duration.ofDays(7), Duration.ofHours(1)), c.holding());
        assertEquals(Optional.empty(), c.mqtt());
        assertEquals(new DeviceConfig.HttpConfig(new HostPort("127.0.0.1", 8080), Optional.empty()), c.http());
        assertEquals(new SimulationConfig(1, 1.0, java.util.Map.of(), List.of()), c.simulation());
    }

    @Test
    void httpOffLoopbackIsFineWithATokenAndLoopbackNeedsNone() {
        assertEquals(new DeviceConfig.HttpConfig(new HostPort("0.0.0.0", 8080), Optional.of("s3cret")),
                load("node: { name: gh-1, network: home }\nhttp: { listen: 0.0.0.0:8080, token: s3cret }\n").http());
        assertEquals(new DeviceConfig.HttpConfig(new HostPort("::1", 9000), Optional.empty()),
                load("node: { name: gh-1, network: home }\nhttp: { listen: '[::1]:9000' }\n").http());
        assertEquals(new DeviceConfig.HttpConfig(new HostPort("localhost", 0), Optional.empty()),
                load("node: { name: gh-1, network: home }\nhttp: { listen: 'localhost:0' }\n").http());
    }

    @Test
    void discoveryTakesATargetAddressForItsAdverts() {
        DeviceConfig c = load("""
                node: { name: gh-1, network: home }
                security: { ca: ca.crt, cert: n.crt, key: n.key }
                discovery: { enabled: true, port: 7500, interval: 1s, address: 127.255.255.255 }
                """);
        assertEquals(new DeviceConfig.DiscoveryConfig(true, 7500, Duration.ofSeconds(1), "127.255.255.255"), c.discovery());
    }

    @Test
    void theGreenhouseExampleReadsAsWritten() {
        DeviceConfig c = ((LoadResult.Loaded) ConfigLoader.load(Path.of("../config/examples/greenhouse.yaml"))).config();
        assertEquals("greenhouse-1", c.node().name());
        assertEquals(List.of("air", "door", "pump"), c.thingIds());
        I2cSensor air = assertInstanceOf(I2cSensor.class, c.sensors().get(0));
        assertEquals(new SensorConfig.I2cAddress(1, 0x76), air.i2c());
        assertEquals(Duration.ofSeconds(5), air.interval());
        GpioInput door = assertInstanceOf(GpioInput.class, c.sensors().get(1));
        assertEquals(new GpioInput("door", 17, SensorConfig.Pull.UP, Duration.ofMillis(20), false, SensorConfig.Hold.ALL), door);
        GpioOutput pump = assertInstanceOf(GpioOutput.class, c.actuators().get(0));
        assertEquals(Optional.of(Duration.ofMinutes(10)), pump.maxOn());
        assertEquals(Optional.of(new ActuatorConfig.Watchdog("controller-1", Duration.ofMinutes(5))), pump.watchdog());
        assertEquals(false, pump.initial());
        assertEquals(Optional.empty(), pump.allow());
        assertTrue(c.simulation().signals().get("air").get("temperature") instanceof Signal.Sine s && s.period().equals(Duration.ofMinutes(10)));
        assertEquals(new Signal.Pulse(Duration.ofMinutes(2), Duration.ofSeconds(20), 3), c.simulation().signals().get("door").get("level"));
    }

    @Test
    void everyProblemInAFileIsReportedAtOnceInFileOrder() {
        String yaml = """
                node: { name: gh-1, network: home, heartbeat: 9s }
                sensors:
                  - { id: air, type: bme280, i2c: { bus: 1, address: 0x76 }, intervall: 10s }
                actuators:
                  - { id: pump, type: gpio-output, pin: 99 }
                """;
        LoadResult r = ConfigLoader.parse(Path.of("f.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
        List<String> lines = assertInstanceOf(LoadResult.Invalid.class, r).problems().stream().map(ConfigProblem::toString).toList();
        assertEquals(List.of(
                "f.yaml:1:47: 'heartbeat' in node must be from 500ms to 2s, not 9s",
                "f.yaml:3:62: unknown key 'intervall' in sensor 'air' (did you mean 'interval'?)",
                "f.yaml:5:41: 'pin' in actuator 'pump' must be a whole number from 0 to 27, not the number 99"), lines);
    }

    @Test
    void anUnreadableFileIsOneProblemAtTheStart() {
        LoadResult r = ConfigLoader.load(Path.of("does/not/exist.yaml"));
        ConfigProblem p = assertInstanceOf(LoadResult.Invalid.class, r).problems().get(0);
        assertEquals(1, p.line());
        assertTrue(p.toString().startsWith("does/not/exist.yaml:1:1: cannot read the file"), p.toString());
    }

    @Test
    void yamlOnAndOffMeanTrueAndFalseForSwitches() {
        DeviceConfig c = load("""
                node: { name: gh-1, network: home }
                sensors: [{ id: door, type: gpio-input, pin: 4, invert: on, pull: off }]
                actuators: [{ id: pump, type: gpio-output, pin: 5, initial: on, safe_state: off }]
                """);
        assertEquals(new GpioInput("door", 4, SensorConfig.Pull.OFF, Duration.ZERO, true, SensorConfig.Hold.ALL), c.sensors().get(0));
        GpioOutput pump = (GpioOutput) c.actuators().get(0);
        assertTrue(pump.initial());
        assertEquals(false, pump.safeState());
    }
    @Test
    void theInstallCommandDefaultsToTheRequestToThePathUnitAndCanBeSet() {
        assertEquals(List.of("/usr/lib/piot/piot-install", "--request"),
                load("node: { name: gh-1, network: home }\n").fleet().installCommand());
        DeviceConfig c = load("""
                node: { name: gh-1, network: home }
                fleet: { install_command: [/usr/bin/sudo, -n, /usr/lib/piot/piot-install] }
                """);
        assertEquals(List.of("/usr/bin/sudo", "-n", "/usr/lib/piot/piot-install"), c.fleet().installCommand());
    }
}
