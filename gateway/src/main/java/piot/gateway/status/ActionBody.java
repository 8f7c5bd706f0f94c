package piot.gateway.status;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/** Parses and checks the body of {@code POST /api/actions}; never throws, answers a value. */
final class ActionBody {
    static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(30);
    static final Duration MAX_EXPIRY = Duration.ofHours(24);
    private static final Set<String> FIELDS = Set.of("node", "thing", "action", "value", "expiry");

    private ActionBody() {}

    /** The parse outcome: a request or a reason for 400. */
    sealed interface Parsed {}

    record Ok(ActionRequest request) implements Parsed {}

    record Bad(String message) implements Parsed {}

    static Parsed parse(byte[] body, String requester) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new Bad("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return new Bad("malformed JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) return new Bad("the body must be a JSON object {\"node\",\"thing\",\"action\",\"value\",\"expiry\"}");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) return new Bad("unknown field '" + f + "'; allowed: node, thing, action, value, expiry");
        }
        String[] names = new String[3];
        String[] required = {"node", "thing", "action"};
        for (int i = 0; i < 3; i++) {
            JsonNode n = root.get(required[i]);
            if (n == null || !n.isTextual() || n.textValue().isBlank()) return new Bad("'" + required[i] + "' must be a non-empty string");
            names[i] = n.textValue();
        }
        var value = Json.scalar(root.get("value"));
        if (value.isEmpty()) return new Bad("'value' must be a string, number, boolean or null");
        Duration expiry = DEFAULT_EXPIRY;
        JsonNode e = root.get("expiry");
        if (e != null && !e.isNull()) {
            if (!e.isTextual()) return new Bad("'expiry' must be a duration string such as \"30s\", \"5m\"");
            var d = Durations.parse(e.textValue());
            if (d.isEmpty() || d.get().isZero()) return new Bad("bad expiry '" + e.textValue() + "': write an integer and a unit (ms, s, m, h, d), e.g. \"30s\"");
            if (d.get().compareTo(MAX_EXPIRY) > 0) return new Bad("expiry " + e.textValue() + " is longer than the maximum 24h");
            expiry = d.get();
        }
        Object v = value.get() == Json.NONE ? null : value.get();
        return new Ok(new ActionRequest(names[0], names[1], names[2], v, expiry, requester));
    }
}
