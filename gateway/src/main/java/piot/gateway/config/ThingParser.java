package piot.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import piot.gateway.config.ActuatorConfig.Watchdog;
import piot.gateway.config.SensorConfig.Channel;
import piot.gateway.config.SensorConfig.Hold;
import piot.gateway.config.SensorConfig.I2cAddress;
import piot.gateway.config.SensorConfig.Pull;
import piot.gateway.config.SensorConfig.SensorType;

/** The {@code sensors:} and {@code actuators:} lists, with per-type keys and the pin/address/id claims. */
final class ThingParser {
    private static final Map<String, SensorType> SENSOR_TYPES = new LinkedHashMap<>();
    private static final List<String> I2C_KEYS = List.of("id", "type", "i2c", "interval", "hold");
    private static final List<String> ADS_KEYS = List.of("id", "type", "i2c", "interval", "hold", "channels");
    private static final List<String> GPIO_IN_KEYS = List.of("id", "type", "pin", "pull", "debounce", "invert", "hold");
    private static final List<String> COMMON_OUT = List.of("id", "type", "pin", "initial", "safe_state", "interlock", "watchdog", "allow");
    private static final Set<Double> GAINS = Set.of(6.144, 4.096, 2.048, 1.024, 0.512, 0.256);
    private static final int MAX_PIN = 27;

    static {
        for (SensorType t : SensorType.values()) {
            SENSOR_TYPES.put(t.yamlName(), t);
        }
    }

    private final ParseContext ctx;

    ThingParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    List<SensorConfig> sensors(Fields top) {
        List<SensorConfig> out = new ArrayList<>();
        List<YamlNode> items = top.list("sensors");
        for (int i = 0; i < items.size(); i++) {
            sensor(items.get(i), i + 1).ifPresent(out::add);
        }
        return out;
    }

    private Optional<SensorConfig> sensor(YamlNode item, int index) {
        if (!(item instanceof YamlNode.Mapping m)) {
            ctx.problems.at(item, "sensor " + index + " must be a mapping with id and type, not " + item.describe());
            return Optional.empty();
        }
        String what = name("sensor", m, index);
        Optional<SensorType> type = typeOf(m, what, SENSOR_TYPES);
        if (type.isEmpty()) {
            Fields.of(m, what, ctx.problems, m.entries().stream().map(YamlNode.Entry::key).toList()).ifPresent(f -> f.id("id", true));
            return Optional.empty();
        }
        List<String> keys = switch (type.get()) {
            case ADS1115 -> ADS_KEYS;
            case GPIO_INPUT -> GPIO_IN_KEYS;
            default -> I2C_KEYS;
        };
        Fields f = Fields.of(m, what, ctx.problems, keys).orElseThrow();
        Optional<String> id = f.id("id", true);
        id.ifPresent(v -> {
            ctx.claimId(f.raw("id").orElseThrow(), v, what);
            ctx.sensorTypes.put(v, type.get());
        });
        Hold hold = f.choice("hold", Hold.class).orElse(Hold.ALL);
        if (type.get() == SensorType.GPIO_INPUT) {
            Optional<Integer> pin = pin(f, what);
            Pull pull = f.choice("pull", Pull.class).orElse(Pull.OFF);
            Duration debounce = f.duration("debounce", Duration.ZERO, Duration.ofSeconds(10), Duration.ZERO);
            boolean invert = f.bool("invert", false);
            return id.flatMap(v -> pin.map(p -> new SensorConfig.GpioInput(v, p, pull, debounce, invert, hold)));
        }
        Optional<I2cAddress> i2c = i2c(f, what);
        Duration interval = f.duration("interval", Duration.ofMillis(100), Duration.ofHours(24), Duration.ofSeconds(10));
        if (type.get() == SensorType.ADS1115) {
            List<Channel> channels = channels(f, what);
            id.ifPresent(v -> ctx.adsKeys.put(v, channels.stream().map(Channel::key).toList()));
            return id.flatMap(v -> i2c.map(a -> new SensorConfig.Ads1115(v, a, interval, hold, channels)));
        }
        return id.flatMap(v -> i2c.map(a -> new SensorConfig.I2cSensor(v, type.get(), a, interval, hold)));
    }

    private Optional<Integer> pin(Fields f, String what) {
        Optional<Integer> pin = f.integer("pin", true, 0, MAX_PIN).map(Long::intValue);
        pin.ifPresent(p -> ctx.claimPin(f.raw("pin").orElseThrow(), p, what));
        return pin;
    }

    private Optional<I2cAddress> i2c(Fields f, String what) {
        if (!f.require("i2c")) {
            return Optional.empty();
        }
        return f.section("i2c", "i2c of " + what, "bus", "address").flatMap(i -> {
            Optional<Long> bus = i.integer("bus", true, 0, 31);
            Optional<Long> address = i.scalar("address", true, "a 7-bit I2C address from 0x03 to 0x77 (e.g. 0x76)",
                    s -> Fields.wholeNumber(s).filter(a -> a >= 0x03 && a <= 0x77));
            if (bus.isEmpty() || address.isEmpty()) {
                return Optional.empty();
            }
            I2cAddress a = new I2cAddress(bus.get().intValue(), address.get().intValue());
            ctx.claimI2c(i.raw("address").orElseThrow(), a, what);
            return Optional.of(a);
        });
    }

    private List<Channel> channels(Fields f, String what) {
        List<Channel> out = new ArrayList<>();
        List<YamlNode> items = f.list("channels");
        if (items.isEmpty()) {
            ctx.problems.at(f.raw("channels").orElse(f.node()), what + " needs at least one entry in 'channels'");
        }
        Set<Long> used = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String cw = "channel " + (i + 1) + " of " + what;
            Fields.of(items.get(i), cw, ctx.problems, "key", "channel", "gain", "scale", "offset", "unit").ifPresent(c -> {
                Optional<String> key = c.id("key", true);
                key.filter(k -> !keys.add(k)).ifPresent(k -> ctx.problems.at(c.raw("key").orElseThrow(),
                        "channel key '" + k + "' is used twice in " + what));
                Optional<Long> channel = c.integer("channel", true, 0, 3);
                channel.filter(ch -> !used.add(ch)).ifPresent(ch -> ctx.problems.at(c.raw("channel").orElseThrow(),
                        "input " + ch + " is used twice in " + what));
                double gain = c.scalar("gain", false, "one of 6.144, 4.096, 2.048, 1.024, 0.512, 0.256 (volts full scale)",
                        s -> Fields.anyNumber(s).filter(GAINS::contains)).orElse(4.096);
                double scale = c.number("scale", false).orElse(1.0);
                double offset = c.number("offset", false).orElse(0.0);
                String unit = c.scalar("unit", false, "text", s -> s.kind() == YamlNode.Kind.STRING ? Optional.of(s.text()) : Optional.empty())
                        .orElse("V");
                if (key.isPresent() && channel.isPresent()) {
                    out.add(new Channel(key.get(), channel.get().intValue(), gain, scale, offset, unit));
                }
            });
        }
        return out;
    }

    List<ActuatorConfig> actuators(Fields top) {
        List<ActuatorConfig> out = new ArrayList<>();
        List<YamlNode> items = top.list("actuators");
        for (int i = 0; i < items.size(); i++) {
            actuator(items.get(i), i + 1).ifPresent(out::add);
        }
        return out;
    }

    private Optional<ActuatorConfig> actuator(YamlNode item, int index) {
        if (!(item instanceof YamlNode.Mapping m)) {
            ctx.problems.at(item, "actuator " + index + " must be a mapping with id and type, not " + item.describe());
            return Optional.empty();
        }
        String what = name("actuator", m, index);
        Optional<Boolean> pwm = typeOf(m, what, Map.of("gpio-output", false, "pwm-output", true));
        if (pwm.isEmpty()) {
            Fields.of(m, what, ctx.problems, m.entries().stream().map(YamlNode.Entry::key).toList()).ifPresent(f -> f.id("id", true));
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>(COMMON_OUT);
        keys.add(pwm.get() ? "frequency" : "max_on");
        Fields f = Fields.of(m, what, ctx.problems, keys).orElseThrow();
        Optional<String> id = f.id("id", true);
        id.ifPresent(v -> {
            ctx.claimId(f.raw("id").orElseThrow(), v, what);
            ctx.actuatorIds.add(v);
        });
        Optional<Integer> pin = pin(f, what);
        List<String> interlock = f.ids("interlock");
        checkInterlock(f, id.orElse(""), interlock);
        Optional<Watchdog> watchdog = watchdog(f, what);
        Optional<List<String>> allow = f.has("allow") ? Optional.of(f.ids("allow")) : Optional.empty();
        if (pwm.get()) {
            int frequency = f.integer("frequency", 1, 100_000, 1000);
            double safe = duty(f, "safe_state").orElse(0.0);
            double initial = duty(f, "initial").orElse(safe);
            return id.flatMap(v -> pin.map(p -> new ActuatorConfig.PwmOutput(v, p, frequency, initial, safe, interlock, watchdog, allow)));
        }
        boolean safe = onOff(f, "safe_state").orElse(false);
        boolean initial = onOff(f, "initial").orElse(safe);
        Optional<Duration> maxOn = f.duration("max_on", false, Duration.ofSeconds(1), Duration.ofDays(7));
        return id.flatMap(v -> pin.map(p -> new ActuatorConfig.GpioOutput(v, p, initial, safe, maxOn, interlock, watchdog, allow)));
    }

    private void checkInterlock(Fields f, String self, List<String> interlock) {
        YamlNode at = f.raw("interlock").orElse(f.node());
        ctx.deferred.add(() -> {
            for (String other : interlock) {
                if (other.equals(self)) {
                    ctx.problems.at(at, "actuator '" + self + "' cannot interlock with itself");
                } else if (!ctx.actuatorIds.contains(other)) {
                    ctx.problems.at(at, "interlock of actuator '" + self + "' names '" + other + "', which is not an actuator of this node"
                            + Suggestions.hint(other, List.copyOf(ctx.actuatorIds), "actuators"));
                }
            }
        });
    }

    private Optional<Watchdog> watchdog(Fields f, String what) {
        return f.section("watchdog", "watchdog of " + what, "peer", "after").flatMap(w -> {
            Optional<String> peer = w.id("peer", true);
            Optional<Duration> after = w.duration("after", true, Duration.ofSeconds(1), Duration.ofDays(7));
            peer.ifPresent(p -> {
                YamlNode at = w.raw("peer").orElseThrow();
                ctx.deferred.add(() -> {
                    if (p.equals(ctx.nodeName)) {
                        ctx.problems.at(at, "watchdog peer of " + what + " is this node itself");
                    } else if (!ctx.linkPeers.contains(p) && !ctx.discoveryEnabled) {
                        ctx.problems.at(at, "watchdog peer '" + p + "' of " + what
                                + " is neither a link peer nor discoverable (discovery is off)");
                    }
                });
            });
            return peer.flatMap(p -> after.map(a -> new Watchdog(p, a)));
        });
    }

    private static Optional<Boolean> onOff(Fields f, String key) {
        return f.scalar(key, false, "on or off", s -> switch (s.text().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true" -> Optional.of(true);
            case "off", "false" -> Optional.of(false);
            default -> Optional.empty();
        });
    }

    private static Optional<Double> duty(Fields f, String key) {
        return f.number(key, false, 0, 1);
    }

    /** Reads the {@code type} key first, since it decides which other keys are allowed. */
    private <T> Optional<T> typeOf(YamlNode.Mapping m, String what, Map<String, T> types) {
        Optional<YamlNode.Entry> e = m.entry("type");
        List<String> names = types.keySet().stream().sorted().toList();
        if (e.isEmpty()) {
            ctx.problems.at(m, "missing required key 'type' in " + what + " (one of " + String.join(", ", names) + ")");
            return Optional.empty();
        }
        if (e.get().value() instanceof YamlNode.Scalar s && types.containsKey(s.text())) {
            return Optional.of(types.get(s.text()));
        }
        String given = e.get().value() instanceof YamlNode.Scalar s ? s.text() : "";
        String hint = Suggestions.hint(given, names);
        ctx.problems.at(e.get().value(), "unknown type " + e.get().value().describe().replace("the text ", "")
                + " for " + what + (hint.startsWith(";") ? "; one of " + String.join(", ", names) : hint));
        return Optional.empty();
    }

    private static String name(String kind, YamlNode.Mapping m, int index) {
        return m.entry("id").map(YamlNode.Entry::value)
                .filter(v -> v instanceof YamlNode.Scalar s && Fields.ID.matcher(s.text()).matches())
                .map(v -> kind + " '" + ((YamlNode.Scalar) v).text() + "'")
                .orElse(kind + " " + index);
    }
}
