package piot.gateway.status;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The API's JSON shapes, written by hand so the wire format is explicit and does not move when a
 * record gains a field. Timestamps are ISO-8601 UTC strings; enums are lower-case.
 */
final class Json {
    /** Strict reader: a duplicated key is malformed rather than silently "last one wins". */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode node(NodeInfo n, boolean tokenRequired) {
        ObjectNode o = F.objectNode();
        o.put("name", n.name());
        o.put("network", n.network());
        o.put("version", n.version());
        o.put("uptimeSeconds", n.uptime().toSeconds());
        o.put("health", lower(n.health()));
        o.set("problems", strings(n.problems()));
        o.put("tokenRequired", tokenRequired);
        return o;
    }

    static ObjectNode peer(PeerInfo p) {
        ObjectNode o = F.objectNode();
        o.put("name", p.name());
        o.put("address", p.address());
        o.put("state", lower(p.state()));
        o.put("since", p.since().toString());
        o.put("holdingDepth", p.holdingDepth());
        if (p.rtt() == null) o.putNull("rttMs");
        else o.put("rttMs", p.rtt().toNanos() / 1e6);
        o.put("via", p.via());
        return o;
    }

    static ObjectNode thing(ThingInfo t) {
        ObjectNode o = F.objectNode();
        o.put("node", t.node());
        o.put("thing", t.thing());
        o.put("type", t.type());
        o.set("keys", array(t.keys(), Json::keyValue));
        o.set("actions", array(t.actions(), a -> {
            ObjectNode x = F.objectNode();
            x.put("name", a.name());
            x.put("takesValue", a.takesValue());
            x.set("choices", strings(a.choices()));
            return x;
        }));
        return o;
    }

    static ObjectNode keyValue(KeyValue k) {
        ObjectNode o = F.objectNode();
        o.put("key", k.key());
        o.set("value", value(k.value()));
        o.put("unit", k.unit());
        o.put("ts", k.ts() == null ? null : k.ts().toString());
        o.put("historical", k.historical());
        return o;
    }

    static ObjectNode reading(LiveEvent.Reading r) {
        ObjectNode o = F.objectNode();
        o.put("node", r.node());
        o.put("thing", r.thing());
        o.setAll(keyValue(r.value()));
        return o;
    }

    static ObjectNode action(ActionHistory a) {
        ObjectNode o = F.objectNode();
        o.put("id", a.id());
        o.put("node", a.node());
        o.put("thing", a.thing());
        o.put("action", a.action());
        o.set("value", value(a.value()));
        o.put("expiresAt", a.expiresAt().toString());
        o.put("status", a.status().wire());
        o.put("final", a.status().isFinal());
        o.set("updates", array(a.updates(), u -> {
            ObjectNode x = F.objectNode();
            x.put("status", u.status().wire());
            x.put("at", u.at().toString());
            x.put("detail", u.detail());
            return x;
        }));
        return o;
    }

    static ObjectNode error(ErrorInfo e) {
        ObjectNode o = F.objectNode();
        o.put("ts", e.ts().toString());
        o.put("source", e.source());
        o.put("message", e.message());
        return o;
    }

    /** The SSE event name and data of a live event. */
    static Sse event(LiveEvent e) {
        return switch (e) {
            case LiveEvent.Reading r -> new Sse("reading", reading(r));
            case LiveEvent.ActionUpdate a -> new Sse("action", action(a.action()));
            case LiveEvent.Peer p -> new Sse("peer", peer(p.peer()));
            case LiveEvent.Error x -> new Sse("error", error(x.error()));
            case LiveEvent.PeerRemoved p -> new Sse("peer-removed", F.objectNode().put("name", p.name()));
            case LiveEvent.ThingChanged t -> new Sse("thing", thing(t.thing()));
            case LiveEvent.ThingRemoved t -> new Sse("thing-removed", F.objectNode().put("node", t.node()).put("thing", t.thing()));
        };
    }

    record Sse(String name, JsonNode data) {
        String frame() {
            // One data line: Jackson's compact output never contains a newline.
            return "event: " + name + "\ndata: " + data + "\n\n";
        }
    }

    static ObjectNode problem(String error, String message) {
        ObjectNode o = F.objectNode();
        o.put("error", error);
        o.put("message", message);
        return o;
    }

    static JsonNode value(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Number n -> F.numberNode(n.doubleValue());
            case Boolean b -> F.booleanNode(b);
            default -> F.textNode(v.toString());
        };
    }

    /** A JSON scalar as a model value (Number, Boolean, String, or {@link #NONE} for null); empty for arrays and objects. */
    static java.util.Optional<Object> scalar(JsonNode n) {
        if (n == null || n.isNull()) return java.util.Optional.of(NONE);
        if (n.isIntegralNumber() && n.canConvertToLong()) return java.util.Optional.of(n.longValue());
        if (n.isNumber()) return java.util.Optional.of(n.doubleValue());
        if (n.isBoolean()) return java.util.Optional.of(n.booleanValue());
        if (n.isTextual()) return java.util.Optional.of(n.textValue());
        return java.util.Optional.empty();
    }

    /** Marker for "no value" in {@link #scalar}, since Optional cannot hold null. */
    static final Object NONE = new Object();

    private static <T> ArrayNode array(List<T> items, Function<T, JsonNode> f) {
        ArrayNode a = F.arrayNode();
        items.forEach(i -> a.add(f.apply(i)));
        return a;
    }

    private static ArrayNode strings(List<String> items) {
        ArrayNode a = F.arrayNode();
        items.forEach(a::add);
        return a;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
