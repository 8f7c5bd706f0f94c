package piot.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import piot.gateway.config.SensorConfig.SensorType;
import piot.gateway.config.SimulationConfig.Fault;
import piot.gateway.config.SimulationConfig.Signal;

/** The {@code simulation:} section: signals per sensor quantity, checked against the sensors, and faults. */
final class SimulationParser {
    private static final Duration LONGEST = Duration.ofDays(365);
    private static final Map<String, Fault.Kind> FAULTS = new LinkedHashMap<>();

    static {
        for (Fault.Kind k : Fault.Kind.values()) {
            FAULTS.put(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), k);
        }
    }

    private final ParseContext ctx;

    SimulationParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    SimulationConfig simulation(Fields top) {
        SimulationConfig none = new SimulationConfig(1, 1.0, Map.of(), List.of());
        return top.section("simulation", "simulation", "seed", "speed", "sensors", "faults").map(f -> new SimulationConfig(
                f.integer("seed", false, Long.MIN_VALUE, Long.MAX_VALUE).orElse(1L),
                f.number("speed", false, 0.01, 10_000).orElse(1.0),
                sensors(f),
                faults(f))).orElse(none);
    }

    private Map<String, Map<String, Signal>> sensors(Fields f) {
        Map<String, Map<String, Signal>> out = new LinkedHashMap<>();
        Optional<YamlNode> raw = f.raw("sensors");
        if (raw.isEmpty()) {
            return out;
        }
        if (!(raw.get() instanceof YamlNode.Mapping m)) {
            f.wrong(raw.get(), "sensors", "a mapping from sensor id to its signals");
            return out;
        }
        for (YamlNode.Entry e : m.entries()) {
            SensorType type = ctx.sensorTypes.get(e.key());
            if (type == null) {
                ctx.problems.at(e, "simulation names sensor '" + e.key() + "', which is not a sensor of this node"
                        + Suggestions.hint(e.key(), List.copyOf(ctx.sensorTypes.keySet()), "sensors"));
                continue;
            }
            List<String> quantities = type == SensorType.ADS1115 ? ctx.adsKeys.getOrDefault(e.key(), List.of()) : type.quantities();
            String what = "simulation of sensor '" + e.key() + "'";
            Fields.of(e.value(), what, ctx.problems, quantities).ifPresent(q -> {
                Map<String, Signal> signals = new LinkedHashMap<>();
                for (YamlNode.Entry qe : q.node().entries()) {
                    if (quantities.contains(qe.key())) {
                        signal(qe.value(), qe.key() + " in " + what, type == SensorType.GPIO_INPUT)
                                .ifPresent(sig -> signals.put(qe.key(), sig));
                    }
                }
                out.put(e.key(), Map.copyOf(signals));
            });
        }
        return out;
    }

    private Optional<Signal> signal(YamlNode node, String what, boolean gpio) {
        if (!(node instanceof YamlNode.Mapping m)) {
            ctx.problems.at(node, what + " must be a mapping with a 'signal', not " + node.describe());
            return Optional.empty();
        }
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("constant", List.of("signal", "value"));
        kinds.put("ramp", List.of("signal", "from", "to", "over"));
        kinds.put("sine", List.of("signal", "mean", "amplitude", "period", "noise"));
        kinds.put("series", List.of("signal", "points"));
        if (gpio) {
            kinds.put("pulse", List.of("signal", "period", "width", "bounce"));
        }
        Optional<YamlNode.Entry> kindEntry = m.entry("signal");
        String kind = kindEntry.map(YamlNode.Entry::value).filter(v -> v instanceof YamlNode.Scalar).map(v -> ((YamlNode.Scalar) v).text()).orElse("");
        if (!kinds.containsKey(kind)) {
            ctx.problems.at(kindEntry.<YamlNode>map(YamlNode.Entry::value).orElse(m), (kindEntry.isEmpty() ? "missing 'signal' in " : "unknown signal '" + kind + "' in ")
                    + what + "; one of " + String.join(", ", kinds.keySet()));
            return Optional.empty();
        }
        Fields f = Fields.of(m, what, ctx.problems, kinds.get(kind)).orElseThrow();
        return switch (kind) {
            case "constant" -> f.number("value", true).map(Signal.Constant::new);
            case "ramp" -> all(f.number("from", true), f.number("to", true), f.duration("over", true, Duration.ofMillis(1), LONGEST))
                    .map(a -> new Signal.Ramp((Double) a[0], (Double) a[1], (Duration) a[2]));
            case "sine" -> {
                Optional<Double> mean = f.number("mean", true);
                double amplitude = f.number("amplitude", false, 0, Double.MAX_VALUE).orElse(0.0);
                Optional<Duration> period = f.duration("period", true, Duration.ofMillis(1), LONGEST);
                double noise = f.number("noise", false, 0, Double.MAX_VALUE).orElse(0.0);
                yield all(mean, period).map(a -> new Signal.Sine((Double) a[0], amplitude, (Duration) a[1], noise));
            }
            case "series" -> series(f);
            default -> {
                Optional<Duration> period = f.duration("period", true, Duration.ofMillis(1), LONGEST);
                Optional<Duration> width = f.duration("width", true, Duration.ZERO, LONGEST);
                int bounce = f.integer("bounce", 0, 100, 0);
                if (period.isPresent() && width.isPresent() && width.get().compareTo(period.get()) >= 0) {
                    ctx.problems.at(f.raw("width").orElseThrow(), "'width' in " + what + " must be shorter than its period");
                    yield Optional.empty();
                }
                yield all(period, width).map(a -> new Signal.Pulse((Duration) a[0], (Duration) a[1], bounce));
            }
        };
    }

    private Optional<Signal> series(Fields f) {
        if (!f.require("points")) {
            return Optional.empty();
        }
        List<YamlNode> items = f.list("points");
        List<Signal.Point> points = new ArrayList<>();
        Duration last = null;
        for (YamlNode item : items) {
            Optional<Signal.Point> p = point(item);
            if (p.isEmpty()) {
                ctx.problems.at(item, "points of " + f.what() + " must be [time, value] pairs like [30s, 400], not " + item.describe());
                return Optional.empty();
            }
            if (last != null && p.get().at().compareTo(last) <= 0) {
                ctx.problems.at(item, "points of " + f.what() + " must have increasing times");
                return Optional.empty();
            }
            last = p.get().at();
            points.add(p.get());
        }
        if (points.size() < 2) {
            ctx.problems.at(f.raw("points").orElseThrow(), f.what() + " needs at least two points");
            return Optional.empty();
        }
        return Optional.of(new Signal.Series(points));
    }

    private static Optional<Signal.Point> point(YamlNode item) {
        if (item instanceof YamlNode.Sequence s && s.items().size() == 2
                && s.items().get(0) instanceof YamlNode.Scalar t && s.items().get(1) instanceof YamlNode.Scalar v) {
            return Durations.parse(t.text()).flatMap(at -> Fields.anyNumber(v).map(value -> new Signal.Point(at, value)));
        }
        return Optional.empty();
    }

    private List<Fault> faults(Fields f) {
        List<Fault> out = new ArrayList<>();
        List<YamlNode> items = f.list("faults");
        for (int i = 0; i < items.size(); i++) {
            String what = "fault " + (i + 1) + " of simulation";
            Fields.of(items.get(i), what, ctx.problems, "device", "fault", "at", "for", "rate").ifPresent(x -> {
                Optional<String> device = x.id("device", true);
                device.filter(d -> !ctx.sensorTypes.containsKey(d)).ifPresent(d -> ctx.problems.at(x.raw("device").orElseThrow(),
                        what + " names device '" + d + "', which is not a sensor of this node"
                                + Suggestions.hint(d, List.copyOf(ctx.sensorTypes.keySet()), "sensors")));
                Optional<Fault.Kind> kind = x.choice("fault", true, FAULTS);
                Duration at = x.duration("at", Duration.ZERO, LONGEST, Duration.ZERO);
                Optional<Duration> length = x.duration("for", false, Duration.ofMillis(1), LONGEST);
                Optional<Double> rate = x.number("rate", false, 0, 1);
                if (rate.isPresent() && kind.isPresent() && kind.get() != Fault.Kind.INTERMITTENT) {
                    ctx.problems.at(x.raw("rate").orElseThrow(), "'rate' in " + what + " applies only to fault intermittent");
                }
                if (device.isPresent() && kind.isPresent()) {
                    out.add(new Fault(device.get(), kind.get(), at, length, rate.orElse(kind.get() == Fault.Kind.INTERMITTENT ? 0.5 : 1.0)));
                }
            });
        }
        return out;
    }

    private static Optional<Object[]> all(Optional<?>... values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i].isEmpty()) {
                return Optional.empty();
            }
            out[i] = values[i].get();
        }
        return Optional.of(out);
    }
}
