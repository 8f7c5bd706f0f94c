package piot.gateway.uplink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;

/**
 * The JSON payloads the bridge publishes (docs/mqtt.md). Timestamps are ISO-8601 UTC with
 * milliseconds; {@code id} is unique per message so consumers can drop redeliveries.
 */
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {}

    /** {@code {"value":21.4,"unit":"°C","ts":"…Z","id":"…"[,"historical":true]}}; value null for none. */
    static byte[] reading(EventMessage e, String id, boolean historical) {
        ObjectNode o = JSON.createObjectNode();
        if (Double.isFinite(e.value())) {
            o.put("value", e.value());
        } else {
            o.putNull("value");
        }
        o.put("unit", e.unit()).put("ts", ts(e.tsWallMillis())).put("id", id);
        if (historical) {
            o.put("historical", true);
        }
        return bytes(o);
    }

    /** {@code {"key":…,"error":…,"ts":…,"id":…[,"historical":true]}} for a sensor fault. */
    static byte[] error(EventMessage e, String id, boolean historical) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", e.key()).put("error", e.error().orElse("")).put("ts", ts(e.tsWallMillis())).put("id", id);
        if (historical) {
            o.put("historical", true);
        }
        return bytes(o);
    }

    /** {@code {"id":…,"status":"pending|…","detail":…,"ts":…}}. */
    static byte[] status(ActionStatus s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.requestId()).put("status", s.status().wire()).put("detail", s.detail()).put("ts", ts(s.tsWallMillis()));
        return bytes(o);
    }

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    static String ts(long wallMillis) {
        return TS.format(Instant.ofEpochMilli(wallMillis));
    }

    static byte[] bytes(ObjectNode o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a JSON tree failed to serialize", e);
        }
    }
}
