package piot.gateway.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Set;
import piot.gateway.router.Parsed;

/**
 * JSON bodies of the fleet envelope types (see docs/fleet.md):
 * <pre>
 * file-chunk  {"transfer","kind","name","size","sha256","index","count","data":base64,"sig":base64}
 * file-status {"transfer","received","state","detail"}
 * </pre>
 * {@link #decode} is stateless, does no I/O and never throws.
 */
public final class FleetCodec {
    /** What a pushed file may be called: letters, digits and {@code . _ + ~ -} (Debian versions use + and ~), no leading dot, 1..128. */
    public static final String NAME_RULE = "letters, digits and . _ + ~ -, not starting with a dot, at most 128";

    /** A plain file name by {@link #NAME_RULE}: no separator, no {@code ..}, nothing hidden. */
    public static boolean plainName(String name) {
        return name != null && name.matches("[A-Za-z0-9._+~-]{1,128}") && !name.startsWith(".");
    }

    /** Envelope types this codec handles. */
    public static final Set<String> TYPES = Set.of("file-chunk", "file-status");
    /** Raw bytes per chunk: base64 makes it 4/3 larger, well under the mesh frame maximum. */
    public static final int CHUNK_BYTES = 48 * 1024;
    private static final int MAX_BODY = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetCodec() {}

    public static byte[] encode(FleetMessage m) {
        ObjectNode o = JSON.createObjectNode();
        switch (m) {
            case FleetMessage.Chunk c -> o.put("transfer", c.transfer()).put("kind", c.kind().wire()).put("name", c.name())
                    .put("size", c.size()).put("sha256", c.sha256()).put("index", c.index()).put("count", c.count())
                    .put("data", Base64.getEncoder().encodeToString(c.data()))
                    .put("sig", Base64.getEncoder().encodeToString(c.signature()));
            case FleetMessage.Status s -> o.put("transfer", s.transfer()).put("received", s.received())
                    .put("state", s.state().wire()).put("detail", s.detail());
        }
        return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Parsed<FleetMessage> decode(String type, byte[] body) {
        if (!TYPES.contains(type)) {
            return Parsed.malformed("not a fleet message type: " + type);
        }
        if (body == null || body.length > MAX_BODY) {
            return Parsed.malformed(type + ": body missing or larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                return Parsed.malformed(type + ": not a JSON object");
            }
            String transfer = text(n, "transfer");
            if (!transfer.matches("[A-Za-z0-9_-]{1,64}")) {
                return Parsed.malformed(type + ": bad transfer id");
            }
            if (type.equals("file-status")) {
                return Parsed.ok(new FleetMessage.Status(transfer, integer(n, "received"),
                        FleetMessage.State.fromWire(text(n, "state")), text(n, "detail")));
            }
            String name = text(n, "name");
            if (!plainName(name)) {
                return Parsed.malformed(type + ": bad file name");
            }
            String sha = text(n, "sha256");
            if (!sha.matches("[0-9a-f]{64}")) {
                return Parsed.malformed(type + ": sha256 must be 64 lower-case hex digits");
            }
            long size = n.path("size").asLong(-1);
            if (size < 0) {
                return Parsed.malformed(type + ": size missing");
            }
            return Parsed.ok(new FleetMessage.Chunk(transfer, FleetMessage.Kind.valueOf(text(n, "kind").toUpperCase(java.util.Locale.ROOT)),
                    name, size, sha, integer(n, "index"), integer(n, "count"),
                    Base64.getDecoder().decode(text(n, "data")), Base64.getDecoder().decode(text(n, "sig"))));
        } catch (java.io.IOException | RuntimeException e) {
            return Parsed.malformed(type + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field " + field + " missing or not text");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("field " + field + " missing or not an integer");
        }
        return v.asInt();
    }
}
