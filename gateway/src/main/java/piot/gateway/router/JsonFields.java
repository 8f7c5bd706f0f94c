package piot.gateway.router;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict typed access to the fields of one JSON object. A missing or ill-typed field raises
 * {@link Bad}, which {@link RouterCodec#decode} turns into a malformed result: it never leaves the
 * codec.
 */
final class JsonFields {
    private final JsonNode obj;
    private final String where;

    JsonFields(JsonNode obj, String where) {
        if (obj == null || !obj.isObject()) {
            throw new Bad(where + " must be a JSON object");
        }
        this.obj = obj;
        this.where = where;
    }

    JsonNode node(String name) {
        JsonNode n = obj.get(name);
        if (n == null || n.isMissingNode()) {
            throw new Bad(where + ": missing field '" + name + "'");
        }
        return n;
    }

    String text(String name, int maxLen) {
        JsonNode n = node(name);
        if (!n.isTextual()) {
            throw new Bad(where + ": field '" + name + "' must be a string");
        }
        if (n.textValue().length() > maxLen) {
            throw new Bad(where + ": field '" + name + "' is longer than " + maxLen + " characters");
        }
        return n.textValue();
    }

    String matching(String name, Pattern p, String expected) {
        String s = text(name, 200);
        if (!p.matcher(s).matches()) {
            throw new Bad(where + ": field '" + name + "' = '" + Names.clip(s) + "' is not " + expected);
        }
        return s;
    }

    String name(String name) {
        return matching(name, Names.NAME, "a name ([a-z][a-z0-9_-]{0,31})");
    }

    String id(String name) {
        return matching(name, Names.ID, "an id ([A-Za-z0-9._:@-]{1,64})");
    }

    Optional<String> optionalText(String name, int maxLen) {
        JsonNode n = obj.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        return Optional.of(text(name, maxLen));
    }

    long integer(String name) {
        JsonNode n = node(name);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new Bad(where + ": field '" + name + "' must be an integer");
        }
        return n.longValue();
    }

    boolean bool(String name) {
        JsonNode n = node(name);
        if (!n.isBoolean()) {
            throw new Bad(where + ": field '" + name + "' must be true or false");
        }
        return n.booleanValue();
    }

    /** A number, or null for "no value" (NaN), as written for fault events. */
    double numberOrNull(String name) {
        JsonNode n = node(name);
        if (n.isNull()) {
            return Double.NaN;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw new Bad(where + ": field '" + name + "' must be a finite number or null");
        }
        return n.doubleValue();
    }

    List<String> texts(String name, int maxItems, int maxLen) {
        JsonNode n = node(name);
        if (!n.isArray()) {
            throw new Bad(where + ": field '" + name + "' must be an array of strings");
        }
        if (n.size() > maxItems) {
            throw new Bad(where + ": field '" + name + "' has more than " + maxItems + " items");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode item : n) {
            if (!item.isTextual() || item.textValue().length() > maxLen) {
                throw new Bad(where + ": field '" + name + "' must hold strings of at most " + maxLen + " characters");
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** Why the input is malformed; caught inside the codec, never thrown to callers. */
    static final class Bad extends RuntimeException {
        Bad(String reason) {
            super(reason, null, false, false);
        }
    }
}
