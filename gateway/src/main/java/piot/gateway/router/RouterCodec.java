package piot.gateway.router;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;
import piot.gateway.router.RouterMessage.RoutingUpdate;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;
import piot.gateway.router.RouterMessage.Subscribe;
import piot.gateway.router.RouterMessage.ThingDescriptionsMessage;
import piot.gateway.router.RouterMessage.Unsubscribe;

/**
 * Encodes router bodies as compact UTF-8 JSON objects and decodes them back. The envelope's
 * {@code type} string selects the decoder. Decoding is stateless, does no I/O and never throws:
 * anything wrong yields {@link Parsed.Malformed} with a reason. Unknown fields are ignored so that
 * newer gateways may add fields; missing or ill-typed known fields are malformed. The field names
 * of each type are listed in {@code docs/router.md}.
 */
public final class RouterCodec {
    /** Largest body accepted; a thing list of a big node fits with room to spare. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(MAX_BODY_BYTES).maxNumberLength(64).build());
    }

    private RouterCodec() {}

    /** Every envelope type string this codec knows. */
    public static final java.util.List<String> TYPES = java.util.List.of(
            "event", "action", "action-status", "rpc", "rpc-reply", "join", "leave", "routing", "things");

    /** The body of {@code message} as compact JSON bytes. */
    public static byte[] encode(RouterMessage message) {
        ObjectNode o = JSON.createObjectNode();
        switch (message) {
            case EventMessage e -> {
                o.put("thing", e.thing()).put("key", e.key());
                if (Double.isFinite(e.value())) {
                    o.put("value", e.value());
                } else {
                    o.putNull("value");
                }
                o.put("unit", e.unit()).put("ts", e.tsWallMillis()).put("historical", e.historical());
                e.error().ifPresent(err -> o.put("error", err));
            }
            case ActionRequest a -> o.put("id", a.requestId()).put("requester", a.requester())
                    .put("node", a.node()).put("thing", a.thing()).put("action", a.action())
                    .put("value", a.value()).put("expiry", a.expiryWallMillis());
            case ActionStatus s -> o.put("id", s.requestId()).put("node", s.node()).put("thing", s.thing())
                    .put("action", s.action()).put("status", s.status().wire()).put("detail", s.detail())
                    .put("ts", s.tsWallMillis());
            case RpcRequest r -> {
                o.put("call", r.callId()).put("function", r.function());
                ArrayNode args = o.putArray("args");
                r.args().forEach(args::add);
            }
            case RpcReply r -> o.put("call", r.callId()).put("ok", r.ok()).<ObjectNode>set("result", r.result())
                    .put("error", r.error());
            case Subscribe s -> o.put("pattern", s.pattern());
            case Unsubscribe u -> o.put("pattern", u.pattern());
            case RoutingUpdate u -> {
                ObjectNode entries = o.putObject("routes");
                new java.util.TreeMap<>(u.entries()).forEach(entries::put);
            }
            case ThingDescriptionsMessage t -> {
                ArrayNode things = o.putArray("things");
                t.things().forEach(info -> things.add(ThingInfoJson.write(JSON, info)));
            }
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }

    /** Decodes the body of an envelope of type {@code type}; never throws. */
    public static Parsed<RouterMessage> decode(String type, byte[] body) {
        if (type == null || !TYPES.contains(type)) {
            return Parsed.malformed("unknown message type '" + Names.clip(type) + "': expected one of " + TYPES);
        }
        if (body == null || body.length > MAX_BODY_BYTES) {
            return Parsed.malformed(type + ": body missing or larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return Parsed.malformed(type + ": not valid JSON: " + firstLine(e.getMessage()));
        }
        try {
            return Parsed.ok(decodeTree(type, new JsonFields(root, type)));
        } catch (JsonFields.Bad bad) {
            return Parsed.malformed(bad.getMessage());
        } catch (RuntimeException e) {
            // A record constructor's own check; still the sender's fault, never ours to throw.
            return Parsed.malformed(type + ": " + e.getMessage());
        }
    }

    private static RouterMessage decodeTree(String type, JsonFields f) {
        return switch (type) {
            case "event" -> new EventMessage(f.name("thing"), f.name("key"), f.numberOrNull("value"),
                    f.text("unit", 32), f.integer("ts"), f.bool("historical"), f.optionalText("error", Names.MAX_TEXT));
            case "action" -> new ActionRequest(f.id("id"), f.name("requester"), f.name("node"), f.name("thing"),
                    f.name("action"), scalar(f.node("value")), f.integer("expiry"));
            case "action-status" -> new ActionStatus(f.id("id"), f.name("node"), f.name("thing"), f.name("action"),
                    status(f.text("status", 16)), f.text("detail", Names.MAX_TEXT), f.integer("ts"));
            case "rpc" -> new RpcRequest(f.id("call"), f.name("function"), f.texts("args", 16, 256));
            case "rpc-reply" -> new RpcReply(f.id("call"), f.bool("ok"), f.node("result"), f.text("error", Names.MAX_TEXT));
            case "join" -> new Subscribe(pattern(f, "join"));
            case "leave" -> new Unsubscribe(pattern(f, "leave"));
            case "routing" -> new RoutingUpdate(routes(f.node("routes")));
            case "things" -> new ThingDescriptionsMessage(ThingInfoJson.readAll(f.node("things")));
            default -> throw new JsonFields.Bad("unknown message type " + type);
        };
    }

    /** An action value: any JSON scalar, kept as its text; null means "no value". */
    private static String scalar(JsonNode n) {
        if (n.isNull()) {
            return "";
        }
        if (!n.isValueNode() || n.asText().length() > 256) {
            throw new JsonFields.Bad("action: field 'value' must be a string, number or boolean of at most 256 characters");
        }
        return n.asText();
    }

    private static ActionStatus.Status status(String s) {
        for (ActionStatus.Status st : ActionStatus.Status.values()) {
            if (st.wire().equals(s)) {
                return st;
            }
        }
        throw new JsonFields.Bad("action-status: status '" + Names.clip(s)
                + "' is not one of pending, delivered, completed, failed, expired");
    }

    private static Map<String, Integer> routes(JsonNode n) {
        if (!n.isObject() || n.size() > 4096) {
            throw new JsonFields.Bad("routing: field 'routes' must be an object of at most 4096 destinations");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            JsonNode m = e.getValue();
            if (!Names.isName(e.getKey())) {
                throw new JsonFields.Bad("routing: destination '" + Names.clip(e.getKey()) + "' is not a node name");
            }
            if (!m.isIntegralNumber() || m.asLong() < 0 || m.asLong() > RoutingTable.INFINITY) {
                throw new JsonFields.Bad("routing: metric of '" + e.getKey() + "' must be an integer 0..16");
            }
            out.put(e.getKey(), m.intValue());
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String pattern(JsonFields f, String type) {
        return switch (TopicPattern.parse(f.text("pattern", 200))) {
            case Parsed.Ok<TopicPattern> ok -> ok.value().text();
            case Parsed.Malformed<TopicPattern> bad -> throw new JsonFields.Bad(type + ": " + bad.reason());
        };
    }
}
