package piot.gateway.router;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import piot.gateway.router.RouterMessage.EventMessage;

/**
 * The digital twin of the mesh: every known thing (its {@link ThingInfo} and Thing Description)
 * and the latest value of every key. A node's thing list, local or from a {@code things}
 * message, replaces what was known of that node. A live event always becomes the latest value
 * (the publisher's clock may have stepped back); a historical event, replayed from holding, only
 * when it is newer than what is known. A fault event keeps the last good value and records the
 * error until the next good reading. Thread-safe: the router writes, the HTTP status page reads
 * {@link #snapshot}.
 */
public final class Directory {
    /** Latest values kept for the whole mesh; readings of further keys are not stored. */
    public static final int MAX_VALUES = 100_000;

    /** The latest value of one key; {@code value} is NaN when no good reading was seen yet. */
    public record Latest(double value, String unit, long tsWallMillis, Optional<String> error) {}

    /** One key's latest value, with its address. */
    public record Reading(String node, String thing, String key, Latest latest) {}

    /** One thing as shown on the status page: its info, Thing Description and latest values. */
    public record ThingView(ThingInfo info, ObjectNode td, Map<String, Latest> values) {}

    private final Map<String, Map<String, ThingInfo>> things = new TreeMap<>();
    private final java.util.TreeMap<String, Latest> values = new TreeMap<>();

    /** Replaces the things of {@code node}; empty on success, else why the list was refused (nothing changed). */
    public synchronized Optional<String> putThings(String node, List<ThingInfo> list) {
        Map<String, ThingInfo> byId = new TreeMap<>();
        for (ThingInfo t : list) {
            if (!t.node().equals(node)) {
                return Optional.of("thing " + t.id() + " claims node " + t.node() + " but came from " + node);
            }
            if (byId.put(t.id(), t) != null) {
                return Optional.of("thing id " + t.id() + " appears twice for node " + node);
            }
        }
        things.put(node, byId);
        return Optional.empty();
    }

    /** Records an event of {@code node}; true when it became the latest value. */
    public synchronized boolean onEvent(String node, EventMessage e) {
        String k = node + "/" + e.thing() + "/" + e.key();
        Latest cur = values.get(k);
        if (cur == null && values.size() >= MAX_VALUES) {
            return false;
        }
        if (cur != null && e.historical() && e.tsWallMillis() < cur.tsWallMillis()) {
            return false;
        }
        double value = e.error().isPresent() && Double.isNaN(e.value()) && cur != null ? cur.value() : e.value();
        values.put(k, new Latest(value, e.unit(), e.tsWallMillis(), e.error()));
        return true;
    }

    /** The Thing Description of {@code node}'s {@code thing}. */
    public synchronized Optional<ObjectNode> thingDescription(String node, String thing) {
        return Optional.ofNullable(things.getOrDefault(node, Map.of()).get(thing)).map(ThingDescriptions::build);
    }

    /** Latest values matching {@code pattern}, in address order. */
    public synchronized List<Reading> read(TopicPattern pattern) {
        List<Reading> out = new ArrayList<>();
        values.forEach((k, v) -> {
            String[] p = k.split("/", 3);
            if (pattern.matches(p[0], p[1], p[2])) {
                out.add(new Reading(p[0], p[1], p[2], v));
            }
        });
        return out;
    }

    /** The things of {@code node}, by id. */
    public synchronized List<ThingInfo> thingsOf(String node) {
        return List.copyOf(things.getOrDefault(node, Map.of()).values());
    }

    /** Nodes that have published a thing list. */
    public synchronized List<String> nodes() {
        return List.copyOf(things.keySet());
    }

    /** Every known thing with its TD and latest values, by node then thing id. */
    public synchronized List<ThingView> snapshot() {
        List<ThingView> out = new ArrayList<>();
        things.forEach((node, byId) -> byId.values().forEach(t -> {
            Map<String, Latest> vals = new TreeMap<>();
            String prefix = node + "/" + t.id() + "/";
            values.subMap(prefix, prefix + Character.MAX_VALUE).forEach((k, v) -> vals.put(k.substring(prefix.length()), v));
            out.add(new ThingView(t, ThingDescriptions.build(t), vals));
        }));
        return out;
    }
}
