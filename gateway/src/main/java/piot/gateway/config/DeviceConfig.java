package piot.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One gateway's validated device file (the format is in docs/configuration.md). Every default is
 * already filled in; optional sections are {@link Optional}.
 *
 * @param source the file it was loaded from, as the user named it
 * @param security required when links or discovery are used
 * @param mqtt present when the gateway bridges to a broker
 */
public record DeviceConfig(
        Path source,
        NodeConfig node,
        Optional<SecurityConfig> security,
        DiscoveryConfig discovery,
        List<LinkConfig> links,
        HardwareConfig hardware,
        List<SensorConfig> sensors,
        List<ActuatorConfig> actuators,
        HoldingConfig holding,
        Optional<MqttConfig> mqtt,
        HttpConfig http,
        SimulationConfig simulation,
        FleetConfig fleet) {

    public DeviceConfig {
        links = List.copyOf(links);
        sensors = List.copyOf(sensors);
        actuators = List.copyOf(actuators);
    }

    /** Ids of every sensor and actuator, in file order. */
    public List<String> thingIds() {
        return Stream.concat(sensors.stream().map(SensorConfig::id), actuators.stream().map(ActuatorConfig::id)).toList();
    }

    /**
     * Node settings.
     *
     * @param heartbeat HELLO interval, 500ms..2s
     * @param heartbeatMisses silent intervals before a peer is down, 2..20
     */
    public record NodeConfig(String name, String network, HostPort listen, Path dataDir, java.time.Duration heartbeat,
                             int heartbeatMisses) {}

    /** TLS identity: CA, node certificate and key (PEM paths), and the denied serials or node names. */
    public record SecurityConfig(Path ca, Path cert, Path key, List<String> deny) {
        public SecurityConfig {
            deny = List.copyOf(deny);
        }
    }

    /**
     * LAN discovery: adverts sent to {@code address}:{@code port} every {@code interval} (the LAN
     * broadcast 255.255.255.255 by default; a subnet broadcast such as 192.168.1.255, or
     * 127.255.255.255 for several gateways on one host) and received on {@code port}.
     */
    public record DiscoveryConfig(boolean enabled, int port, java.time.Duration interval, String address) {
        public static final String BROADCAST = "255.255.255.255";
    }

    /** A remembered link to {@code peer} at {@code address}. */
    public record LinkConfig(String peer, HostPort address, boolean inheritState) {}

    /** Which hardware provider to use; {@code piot run --sim} overrides it with {@link Provider#SIM}. */
    public record HardwareConfig(Provider provider) {
        /** Real Pi4J hardware or the simulated providers. */
        public enum Provider { PI4J, SIM }
    }

    /** HTTP status page and API; {@code token} guards changes unless {@code listen} is loopback. */
    public record HttpConfig(HostPort listen, Optional<String> token) {}

    /**
     * Fleet settings (docs/fleet.md).
     *
     * @param installCommand how a pushed, verified release is installed: program (an absolute path)
     *     and arguments, to which the package's path is appended
     */
    public record FleetConfig(List<String> installCommand) {
        /** What piot.service needs: the request to piot-install.path (sudo cannot work under NoNewPrivileges). */
        public static final List<String> DEFAULT_INSTALL = List.of("/usr/lib/piot/piot-install", "--request");

        public FleetConfig {
            installCommand = List.copyOf(installCommand);
        }
    }

    /**
     * Holding (store-and-forward) limits, per peer.
     *
     * @param groupCommit how long the writer gathers appends before one commit, 0..100ms
     */
    public record HoldingConfig(java.time.Duration groupCommit, long maxMessages, long maxBytes, Overflow overflow,
                                java.time.Duration eventTtl, java.time.Duration actionTtl) {
        /** Which message to give up when a peer's holding is full. */
        public enum Overflow { DROP_OLDEST, DROP_NEWEST }
    }

    /**
     * MQTT bridge.
     *
     * @param url {@code tcp://host:port} or {@code ssl://host:port}
     * @param tlsCa CA for the broker's certificate, when given
     * @param bridge which things are bridged: this node's or the whole mesh's
     */
    public record MqttConfig(String url, String topicPrefix, boolean homeassistant, String clientId,
                             Optional<String> username, Optional<String> password, Optional<Path> tlsCa, Bridge bridge) {
        /** What the bridge publishes. */
        public enum Bridge { LOCAL, ALL }
    }
}
