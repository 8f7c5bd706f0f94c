package piot.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import piot.gateway.config.DeviceConfig.DiscoveryConfig;
import piot.gateway.config.DeviceConfig.HardwareConfig;
import piot.gateway.config.DeviceConfig.HoldingConfig;
import piot.gateway.config.DeviceConfig.HttpConfig;
import piot.gateway.config.DeviceConfig.LinkConfig;
import piot.gateway.config.DeviceConfig.MqttConfig;
import piot.gateway.config.DeviceConfig.NodeConfig;
import piot.gateway.config.DeviceConfig.SecurityConfig;

/** The node-level sections: node, security, discovery, links, hardware, holding, mqtt, http. */
final class SectionParser {
    static final HostPort DEFAULT_LISTEN = new HostPort("0.0.0.0", 7420);
    static final HostPort DEFAULT_HTTP = new HostPort("127.0.0.1", 8080);
    static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/piot");
    /** A dotted-quad IPv4 address, each part 0..255 without leading zeros. */
    static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final ParseContext ctx;

    SectionParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    NodeConfig node(Fields top) {
        if (!top.require("node")) {
            return null;
        }
        return top.section("node", "node", "name", "network", "listen", "data_dir", "heartbeat", "heartbeat_misses").map(f -> {
            String name = f.id("name", true).orElse("");
            ctx.nodeName = name;
            return new NodeConfig(name,
                    f.id("network", true).orElse(""),
                    f.hostPort("listen", false).orElse(DEFAULT_LISTEN),
                    f.text("data_dir", false).map(Path::of).orElse(DEFAULT_DATA_DIR),
                    f.duration("heartbeat", Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1)),
                    f.integer("heartbeat_misses", 2, 20, 3));
        }).orElse(null);
    }

    Optional<SecurityConfig> security(Fields top) {
        return top.section("security", "security", "ca", "cert", "key", "deny").map(f -> new SecurityConfig(
                Path.of(f.text("ca", true).orElse("")),
                Path.of(f.text("cert", true).orElse("")),
                Path.of(f.text("key", true).orElse("")),
                deny(f)));
    }

    private List<String> deny(Fields f) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : f.list("deny")) {
            if (item instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL && !s.text().isBlank()
                    && (s.text().matches("[0-9A-Fa-f:]{1,128}") || Fields.ID.matcher(s.text()).matches())) {
                out.add(s.text());
            } else {
                ctx.problems.at(item, "entries of 'deny' in security must be a certificate serial in hex or a node name, not "
                        + item.describe());
            }
        }
        return out;
    }

    DiscoveryConfig discovery(Fields top) {
        DiscoveryConfig d = top.section("discovery", "discovery", "enabled", "port", "interval", "address").map(f -> new DiscoveryConfig(
                f.bool("enabled", false),
                f.integer("port", 1, 65535, 7421),
                f.duration("interval", Duration.ofMillis(500), Duration.ofHours(1), Duration.ofSeconds(2)),
                f.scalar("address", false, "an IPv4 address such as 255.255.255.255 or 192.168.1.255",
                        s -> s.kind() == YamlNode.Kind.STRING && IPV4.matcher(s.text()).matches() ? Optional.of(s.text()) : Optional.empty())
                        .orElse(DiscoveryConfig.BROADCAST)))
                .orElse(new DiscoveryConfig(false, 7421, Duration.ofSeconds(2), DiscoveryConfig.BROADCAST));
        ctx.discoveryEnabled = d.enabled();
        return d;
    }

    List<LinkConfig> links(Fields top) {
        List<LinkConfig> out = new ArrayList<>();
        List<YamlNode> items = top.list("links");
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            Fields.of(item, "link " + (i + 1), ctx.problems, "peer", "address", "inherit_state").ifPresent(f -> {
                Optional<String> peer = f.id("peer", true);
                Optional<HostPort> address = f.hostPort("address", true);
                boolean inherit = f.bool("inherit_state", true);
                peer.ifPresent(p -> {
                    YamlNode at = f.raw("peer").orElseThrow();
                    if (!ctx.linkPeers.add(p)) {
                        ctx.problems.at(at, "link to '" + p + "' is listed twice; each peer may have one link");
                    }
                    ctx.deferred.add(() -> {
                        if (p.equals(ctx.nodeName)) {
                            ctx.problems.at(at, "link peer '" + p + "' is this node itself");
                        }
                    });
                });
                address.filter(a -> a.port() == 0).ifPresent(a -> ctx.problems.at(f.raw("address").orElseThrow(),
                        "'address' in " + f.what() + " needs a real port from 1 to 65535, not 0"));
                if (peer.isPresent() && address.isPresent()) {
                    out.add(new LinkConfig(peer.get(), address.get(), inherit));
                }
            });
        }
        return out;
    }

    HardwareConfig hardware(Fields top) {
        return top.section("hardware", "hardware", "provider")
                .flatMap(f -> f.choice("provider", HardwareConfig.Provider.class))
                .map(HardwareConfig::new)
                .orElse(new HardwareConfig(HardwareConfig.Provider.PI4J));
    }

    HoldingConfig holding(Fields top) {
        HoldingConfig defaults = new HoldingConfig(Duration.ofMillis(5), 100_000, 64L << 20, HoldingConfig.Overflow.DROP_OLDEST,
                Duration.ofDays(7), Duration.ofHours(1));
        return top.section("holding", "holding", "group_commit", "max_messages", "max_bytes", "overflow", "ttl").map(f -> {
            Duration event = defaults.eventTtl();
            Duration action = defaults.actionTtl();
            Optional<Fields> ttl = f.section("ttl", "holding ttl", "event", "action");
            if (ttl.isPresent()) {
                event = ttl.get().duration("event", Duration.ofSeconds(1), Duration.ofDays(365), event);
                action = ttl.get().duration("action", Duration.ofSeconds(1), Duration.ofDays(365), action);
            }
            return new HoldingConfig(
                    f.duration("group_commit", Duration.ZERO, Duration.ofMillis(100), defaults.groupCommit()),
                    f.integer("max_messages", false, 1, 100_000_000).orElse(defaults.maxMessages()),
                    f.scalar("max_bytes", false, "a size from 1MB to 1024GB like 64MB (units B, KB, MB, GB)",
                            s -> ByteSizes.parse(s.text()).filter(b -> b >= 1L << 20 && b <= 1L << 40)).orElse(defaults.maxBytes()),
                    f.choice("overflow", HoldingConfig.Overflow.class).orElse(defaults.overflow()),
                    event, action);
        }).orElse(defaults);
    }

    Optional<MqttConfig> mqtt(Fields top) {
        return top.section("mqtt", "mqtt", "url", "topic_prefix", "homeassistant", "client_id", "username", "password", "tls", "bridge")
                .map(f -> {
                    String url = f.scalar("url", true, "a broker URL like tcp://127.0.0.1:1883 or ssl://host:8883",
                            s -> brokerUrl(s.text())).orElse("");
                    String prefix = f.scalar("topic_prefix", false, "MQTT topic levels without '+', '#' or a leading or trailing '/'",
                            s -> s.text().matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*") ? Optional.of(s.text()) : Optional.empty())
                            .orElse("piot");
                    Optional<Path> ca = f.section("tls", "mqtt tls", "ca").flatMap(t -> t.text("ca", true)).map(Path::of);
                    return new MqttConfig(url, prefix, f.bool("homeassistant", false),
                            f.scalar("client_id", false, "1-64 letters, digits, '_' or '-'",
                                    s -> s.text().matches("[A-Za-z0-9_-]{1,64}") ? Optional.of(s.text()) : Optional.empty())
                                    .orElse("piot-" + ctx.nodeName),
                            f.text("username", false), f.text("password", false), ca,
                            f.choice("bridge", MqttConfig.Bridge.class)
                                    .orElse(MqttConfig.Bridge.LOCAL));
                });
    }

    private static Optional<String> brokerUrl(String text) {
        for (String scheme : List.of("tcp://", "ssl://")) {
            if (text.startsWith(scheme)) {
                return HostPort.parse(text.substring(scheme.length())).filter(h -> h.port() > 0).map(h -> text);
            }
        }
        return Optional.empty();
    }

    /** {@code fleet.install_command}: a list of 1..16 non-empty texts, the first an absolute path. */
    DeviceConfig.FleetConfig fleet(Fields top) {
        List<String> command = top.section("fleet", "fleet", "install_command")
                .flatMap(f -> f.raw("install_command").map(node -> installCommand(node)))
                .orElse(DeviceConfig.FleetConfig.DEFAULT_INSTALL);
        return new DeviceConfig.FleetConfig(command);
    }

    private List<String> installCommand(YamlNode node) {
        String rule = "a list of 1 to 16 texts, the program first as an absolute path "
                + "(e.g. [/usr/bin/sudo, -n, /usr/lib/piot/piot-install])";
        List<String> out = new ArrayList<>();
        if (node instanceof YamlNode.Sequence seq && !seq.items().isEmpty() && seq.items().size() <= 16) {
            for (YamlNode item : seq.items()) {
                if (item instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.STRING && !s.text().isEmpty()
                        && s.text().indexOf('\0') < 0) {
                    out.add(s.text());
                } else {
                    ctx.problems.at(item, "entries of 'install_command' in fleet must be non-empty texts, not " + item.describe());
                    return DeviceConfig.FleetConfig.DEFAULT_INSTALL;
                }
            }
            if (out.getFirst().startsWith("/")) {
                return out;
            }
            ctx.problems.at(seq.items().getFirst(), "the program of 'install_command' in fleet must be an absolute path, not "
                    + out.getFirst() + " (piot does not search PATH for the command that installs releases)");
            return DeviceConfig.FleetConfig.DEFAULT_INSTALL;
        }
        ctx.problems.at(node, "'install_command' in fleet must be " + rule + ", not " + node.describe());
        return DeviceConfig.FleetConfig.DEFAULT_INSTALL;
    }

    HttpConfig http(Fields top) {
        return top.section("http", "http", "listen", "token").map(f -> {
            Optional<HostPort> listen = f.hostPort("listen", false);
            Optional<String> token = f.text("token", false);
            // Off loopback anyone on the network could actuate things, so the token is not optional there.
            if (listen.isPresent() && !listen.get().isLoopback() && !f.has("token")) {
                f.problems().at(f.raw("listen").orElseThrow(),
                        "http.token is required when http.listen is not a loopback address (" + listen.get()
                                + "); set a token, or listen on 127.0.0.1");
            }
            return new HttpConfig(listen.orElse(DEFAULT_HTTP), token);
        }).orElse(new HttpConfig(DEFAULT_HTTP, Optional.empty()));
    }
}
