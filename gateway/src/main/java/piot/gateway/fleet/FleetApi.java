package piot.gateway.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import piot.gateway.status.HttpSettings;

/**
 * {@code /api/fleet/*} on the gateway's HTTP server (see docs/fleet.md):
 * <pre>
 * GET  /api/fleet/transfers        transfers this node started, with each node's progress
 * GET  /api/fleet/transfers/ID     one of them
 * POST /api/fleet/push             {"kind","name","content":base64,"signature":base64,"to":"NODE|A,B|*"}
 * </pre>
 * A push needs the API token whenever the server requires one for actions. Nodes check the
 * signature themselves; the API does not make an unsigned file acceptable anywhere.
 */
public final class FleetApi implements HttpHandler {
    /** Largest file accepted by a push (a piot .deb is a few MB). */
    public static final int MAX_FILE_BYTES = 64 * 1024 * 1024;
    /**
     * Reads push bodies: the file travels base64 in one JSON string, 4/3 of its size, which for a
     * piot .deb (~30 MB) is past Jackson's default 20 MB string limit; allowed up to what
     * {@link #MAX_FILE_BYTES} needs.
     */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(MAX_FILE_BYTES / 3 * 4 + 8).build())
            .build());

    private final Fleet fleet;
    private final HttpSettings settings;
    private final Supplier<List<String>> knownNodes;

    public FleetApi(Fleet fleet, HttpSettings settings, Supplier<List<String>> knownNodes) {
        this.fleet = fleet;
        this.settings = settings;
        this.knownNodes = knownNodes;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/api/fleet/transfers")) {
                ArrayNode all = JSON.createArrayNode();
                fleet.transfers().forEach(t -> all.add(json(t)));
                reply(ex, 200, JSON.createObjectNode().set("transfers", all));
            } else if (method.equals("GET") && path.startsWith("/api/fleet/transfers/")) {
                String id = path.substring("/api/fleet/transfers/".length());
                var t = fleet.transfer(id);
                if (t.isPresent()) {
                    reply(ex, 200, json(t.get()));
                } else {
                    problem(ex, 404, "not-found", "no transfer " + id + " was started from this node");
                }
            } else if (method.equals("POST") && path.equals("/api/fleet/push")) {
                push(ex);
            } else {
                problem(ex, 404, "not-found", "fleet endpoints: GET /api/fleet/transfers[/ID], POST /api/fleet/push");
            }
        }
    }

    private void push(HttpExchange ex) throws IOException {
        if (settings.requireToken() && !tokenOk(ex.getRequestHeaders().getFirst("Authorization"))) {
            problem(ex, 401, "unauthorized", "this gateway needs a token: send Authorization: Bearer TOKEN");
            return;
        }
        byte[] body = ex.getRequestBody().readNBytes(MAX_FILE_BYTES * 2);
        try {
            JsonNode n = JSON.readTree(body);
            FleetMessage.Kind kind = FleetMessage.Kind.valueOf(n.path("kind").asText("file").toUpperCase(java.util.Locale.ROOT));
            String name = n.path("name").asText("");
            if (!FleetCodec.plainName(name)) {
                throw new IllegalArgumentException("name must be a plain file name (" + FleetCodec.NAME_RULE + "), not " + name);
            }
            byte[] content = Base64.getDecoder().decode(n.path("content").asText(""));
            byte[] signature = Base64.getDecoder().decode(n.path("signature").asText(""));
            if (content.length > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("file larger than " + MAX_FILE_BYTES + " bytes");
            }
            List<String> to = Targets.resolve(n.path("to").asText(""), knownNodes.get(), fleet.self());
            String id = fleet.push(kind, name, content, signature, to);
            ObjectNode o = JSON.createObjectNode().put("id", id);
            ArrayNode a = o.putArray("to");
            to.forEach(a::add);
            reply(ex, 202, o);
        } catch (IOException | IllegalArgumentException e) {
            problem(ex, 400, "bad-request", e.getMessage());
        }
    }

    private boolean tokenOk(String auth) {
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || settings.token() == null) {
            return false;
        }
        return MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                settings.token().getBytes(StandardCharsets.UTF_8));
    }

    static ObjectNode json(Fleet.TransferView t) {
        ObjectNode o = JSON.createObjectNode().put("id", t.id()).put("kind", t.kind()).put("name", t.name())
                .put("size", t.size()).put("sha256", t.sha256()).put("started", java.time.Instant.ofEpochMilli(t.startedWallMillis()).toString());
        ArrayNode nodes = o.putArray("nodes");
        for (Fleet.NodeProgress p : t.nodes()) {
            nodes.addObject().put("node", p.node()).put("received", p.received()).put("count", p.count())
                    .put("state", p.state().wire()).put("detail", p.detail());
        }
        return o;
    }

    private static void problem(HttpExchange ex, int status, String error, String message) throws IOException {
        reply(ex, status, JSON.createObjectNode().put("error", error).put("message", message));
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
