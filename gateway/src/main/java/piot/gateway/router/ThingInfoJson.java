package piot.gateway.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The wire form of {@link ThingInfo} inside a {@code things} body. */
final class ThingInfoJson {
    static final int MAX_THINGS = 256;
    static final int MAX_ITEMS = 64;

    private ThingInfoJson() {}

    static ObjectNode write(ObjectMapper json, ThingInfo t) {
        ObjectNode o = json.createObjectNode().put("node", t.node()).put("id", t.id()).put("type", t.type());
        ArrayNode keys = o.putArray("keys");
        t.keys().forEach(k -> keys.addObject().put("key", k.key()).put("unit", k.unit()));
        ArrayNode actions = o.putArray("actions");
        for (ThingInfo.Action a : t.actions()) {
            ObjectNode ao = actions.addObject().put("name", a.name()).put("input", a.inputType());
            bound(ao, "min", a.min());
            bound(ao, "max", a.max());
        }
        return o;
    }

    private static void bound(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }

    static List<ThingInfo> readAll(JsonNode n) {
        if (!n.isArray() || n.size() > MAX_THINGS) {
            throw new JsonFields.Bad("things: field 'things' must be an array of at most " + MAX_THINGS + " things");
        }
        List<ThingInfo> out = new ArrayList<>();
        for (JsonNode t : n) {
            out.add(read(new JsonFields(t, "things: thing")));
        }
        return out;
    }

    private static ThingInfo read(JsonFields f) {
        List<ThingInfo.Key> keys = new ArrayList<>();
        for (JsonNode k : array(f.node("keys"), "keys")) {
            JsonFields kf = new JsonFields(k, "things: key");
            keys.add(new ThingInfo.Key(kf.name("key"), kf.text("unit", 32)));
        }
        List<ThingInfo.Action> actions = new ArrayList<>();
        for (JsonNode a : array(f.node("actions"), "actions")) {
            JsonFields af = new JsonFields(a, "things: action");
            String input = af.text("input", 16);
            if (!List.of("boolean", "number", "string", "null").contains(input)) {
                throw new JsonFields.Bad("things: action input '" + Names.clip(input) + "' is not boolean, number, string or null");
            }
            actions.add(new ThingInfo.Action(af.name("name"), input, af.numberOrNull("min"), af.numberOrNull("max")));
        }
        return new ThingInfo(f.name("node"), f.name("id"), f.name("type"), keys, actions);
    }

    private static JsonNode array(JsonNode n, String what) {
        if (!n.isArray() || n.size() > MAX_ITEMS) {
            throw new JsonFields.Bad("things: field '" + what + "' must be an array of at most " + MAX_ITEMS + " items");
        }
        return n;
    }
}
