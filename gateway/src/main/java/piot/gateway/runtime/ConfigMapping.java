package piot.gateway.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import piot.drivers.ActuatorSpec;
import piot.drivers.HardwareSpec;
import piot.drivers.Provider;
import piot.drivers.SensorSpec;
import piot.drivers.sim.FaultKind;
import piot.drivers.sim.FaultSpec;
import piot.drivers.sim.SignalSpec;
import piot.drivers.sim.SimulationSpec;
import piot.gateway.config.ActuatorConfig;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.SensorConfig;
import piot.gateway.config.SimulationConfig;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.Overflow;
import piot.gateway.mesh.DiscoverySettings;
import piot.gateway.mesh.Link;
import piot.gateway.mesh.MeshSettings;
import piot.gateway.mesh.pki.DenyList;
import piot.gateway.uplink.MqttSettings;
import piot.gateway.mesh.pki.Identity;
import piot.gateway.status.HttpSettings;

/**
 * Maps a validated {@link DeviceConfig} onto the settings records of the parts (drivers,
 * holding, mesh, HTTP). Pure except for {@link #meshSettings}, which reads the PEM files.
 */
public final class ConfigMapping {
    private ConfigMapping() {}

    /** Whether simulated hardware is used: {@code --sim} or {@code hardware.provider: sim}. */
    public static boolean simulated(DeviceConfig c, boolean sim) {
        return sim || c.hardware().provider() == DeviceConfig.HardwareConfig.Provider.SIM;
    }

    /** The drivers' view of the sensors, actuators and simulation. */
    public static HardwareSpec hardwareSpec(DeviceConfig c, boolean sim) {
        List<SensorSpec> sensors = new ArrayList<>();
        for (SensorConfig s : c.sensors()) {
            sensors.add(switch (s) {
                case SensorConfig.I2cSensor i -> new SensorSpec.I2c(i.id(), SensorSpec.I2cType.fromConfig(i.type().yamlName()),
                        i.i2c().bus(), i.i2c().address(), i.interval(), List.of(), 0);
                case SensorConfig.Ads1115 a -> new SensorSpec.I2c(a.id(), SensorSpec.I2cType.ADS1115, a.i2c().bus(),
                        a.i2c().address(), a.interval(), a.channels().stream().map(ch -> new SensorSpec.AdsChannel(ch.key(),
                                ch.channel(), ch.gain(), ch.scale(), ch.offset(), ch.unit())).toList(), 0);
                case SensorConfig.GpioInput g -> new SensorSpec.GpioInput(g.id(), g.pin(), switch (g.pull()) {
                    case UP -> SensorSpec.Pull.UP;
                    case DOWN -> SensorSpec.Pull.DOWN;
                    case OFF -> SensorSpec.Pull.OFF;
                }, g.debounce(), g.invert());
            });
        }
        List<ActuatorSpec> actuators = new ArrayList<>();
        for (ActuatorConfig a : c.actuators()) {
            actuators.add(switch (a) {
                case ActuatorConfig.GpioOutput g -> new ActuatorSpec.GpioOutput(g.id(), g.pin(), g.initial(), g.safeState(),
                        g.maxOn().orElse(Duration.ZERO), g.interlock());
                case ActuatorConfig.PwmOutput p -> new ActuatorSpec.PwmOutput(p.id(), p.pin(), p.initial(), p.safeState(),
                        p.frequency(), p.interlock());
            });
        }
        boolean simulated = simulated(c, sim);
        return new HardwareSpec(simulated ? Provider.SIM : Provider.PI4J, sensors, actuators,
                simulated ? simulationSpec(c.simulation()) : null);
    }

    /** The {@code simulation:} section as the simulator needs it. */
    public static SimulationSpec simulationSpec(SimulationConfig s) {
        Map<String, Map<String, SignalSpec>> signals = new HashMap<>();
        s.signals().forEach((sensor, quantities) -> {
            Map<String, SignalSpec> m = new HashMap<>();
            quantities.forEach((q, signal) -> m.put(q, signal(signal)));
            signals.put(sensor, m);
        });
        List<FaultSpec> faults = s.faults().stream().map(f -> new FaultSpec(f.device(),
                FaultKind.valueOf(f.fault().name()), f.at(), f.duration().orElse(null),
                f.fault() == SimulationConfig.Fault.Kind.INTERMITTENT ? f.rate() : 0)).toList();
        return new SimulationSpec(s.seed(), s.speed(), signals, faults);
    }

    private static SignalSpec signal(SimulationConfig.Signal s) {
        return switch (s) {
            case SimulationConfig.Signal.Constant c -> new SignalSpec.Constant(c.value());
            case SimulationConfig.Signal.Ramp r -> new SignalSpec.Ramp(r.from(), r.to(), r.over());
            case SimulationConfig.Signal.Sine x -> new SignalSpec.Sine(x.mean(), x.amplitude(), x.period(), x.noise());
            case SimulationConfig.Signal.Series x -> new SignalSpec.Series(
                    x.points().stream().map(p -> new SignalSpec.Point(p.at(), p.value())).toList());
            case SimulationConfig.Signal.Pulse p -> new SignalSpec.Pulse(p.period(), p.width(), p.bounce());
        };
    }

    /** Holding's own record of the {@code holding:} section. */
    public static HoldingConfig holdingConfig(DeviceConfig c) {
        DeviceConfig.HoldingConfig h = c.holding();
        return new HoldingConfig(h.groupCommit(), h.maxMessages(), h.maxBytes(),
                h.overflow() == DeviceConfig.HoldingConfig.Overflow.DROP_NEWEST ? Overflow.DROP_NEWEST : Overflow.DROP_OLDEST,
                h.eventTtl(), h.actionTtl());
    }

    /** The HTTP server's settings from {@code http:}. */
    public static HttpSettings httpSettings(DeviceConfig c) {
        return HttpSettings.fromConfig(c.http().listen().toString(), c.http().token().orElse(null));
    }

    /**
     * The MQTT bridge's settings from {@code mqtt:}, empty without that section.
     *
     * @throws IllegalArgumentException when the section cannot be used (bad prefix, url, password without user)
     */
    public static Optional<MqttSettings> mqttSettings(DeviceConfig c) {
        return c.mqtt().map(m -> new MqttSettings(c.node().name(), m.url(), m.topicPrefix(), m.homeassistant(), m.clientId(),
                m.username(), m.password(), m.tlsCa(), m.bridge() == DeviceConfig.MqttConfig.Bridge.ALL,
                MqttSettings.DEFAULT_COMMAND_EXPIRY));
    }

    /** Whether this node needs the mesh: it has an identity, links or discovery. */
    public static boolean wantsMesh(DeviceConfig c) {
        return c.security().isPresent() || !c.links().isEmpty() || c.discovery().enabled();
    }

    /**
     * The mesh settings, with the identity loaded from {@code security:}; empty when the node runs
     * without a mesh (no security, no links, no discovery).
     *
     * @throws IllegalArgumentException when the certificate is not this node's (its CN must equal
     *     {@code node.name}) or a PEM file cannot be read; the message says which and how to fix it
     */
    public static Optional<MeshSettings> meshSettings(DeviceConfig c) {
        if (!wantsMesh(c)) {
            return Optional.empty();
        }
        DeviceConfig.SecurityConfig sec = c.security().orElseThrow(() -> new IllegalArgumentException(
                "links and discovery need a security: section (ca, cert, key)"));
        for (var f : List.of(sec.ca(), sec.cert(), sec.key())) {
            if (!Files.isReadable(f)) {
                Path pki = f.toAbsolutePath().getParent();
                throw new IllegalArgumentException("security: cannot read " + f.toAbsolutePath()
                        + "; create the network's files with `piot pki init " + c.node().network() + " --dir " + pki
                        + "` and `piot pki issue " + c.node().name() + " --dir " + pki + "`");
            }
        }
        Identity id;
        try {
            id = Identity.load(sec.ca(), sec.cert(), sec.key());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("security: cannot load the identity (" + sec.cert() + "): " + e.getMessage(), e);
        }
        String name = c.node().name();
        if (!id.nodeName().equals(name)) {
            throw new IllegalArgumentException("security.cert " + sec.cert() + " is issued to '" + id.nodeName()
                    + "', but node.name is '" + name + "': the certificate's CN must be the node's name");
        }
        List<Link> links = c.links().stream()
                .map(l -> new Link(l.peer(), l.address().host(), l.address().port(), l.inheritState(), Link.Source.CONFIG)).toList();
        DiscoverySettings discovery = c.discovery().enabled()
                ? DiscoverySettings.broadcast(c.discovery().address(), c.discovery().port(), c.discovery().interval()) : DiscoverySettings.DISABLED;
        return Optional.of(MeshSettings.of(name, c.node().network(), id)
                .withListen(c.node().listen().host(), c.node().listen().port())
                .withDeny(DenyList.of(sec.deny()))
                .withHeartbeat(c.node().heartbeat(), c.node().heartbeatMisses())
                .withLinks(links)
                .withDiscovery(discovery));
    }

    /** {@code host:port} of a bound socket, for log lines. */
    static String text(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
