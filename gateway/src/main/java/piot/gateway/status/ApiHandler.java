package piot.gateway.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Routes every request of the status server; each answer is JSON except the page and /metrics. */
final class ApiHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

    private final StatusModel model;
    private final HttpSettings settings;
    private final EventHub events;
    private final PiotMetrics metrics;

    ApiHandler(StatusModel model, HttpSettings settings, EventHub events, PiotMetrics metrics) {
        this.model = model;
        this.settings = settings;
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            List<String> path = segments(ex.getRequestURI().getRawPath());
            if (method.equals("GET") && path.equals(List.of("api", "events"))) {
                metrics.httpRequests().labels(method, "200").inc();
                events.serve(ex);
                return;
            }
            Reply reply;
            try {
                reply = route(ex, method, path);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "HTTP " + method + " " + ex.getRequestURI() + " failed", e);
                reply = Reply.problem(500, "internal", "internal error: " + e);
            }
            send(ex, reply);
            metrics.httpRequests().labels(method, Integer.toString(reply.status())).inc();
        }
    }

    private Reply route(HttpExchange ex, String method, List<String> p) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        if (Assets.exists(raw)) return get(method, () -> Assets.get(raw).orElseThrow());
        if (p.equals(List.of("metrics"))) {
            return get(method, () -> new Reply(200, Metrics.CONTENT_TYPE,
                    model.metrics().render().getBytes(StandardCharsets.UTF_8), Map.of()));
        }
        if (p.size() < 2 || !p.get(0).equals("api")) return notFound(raw);
        String what = p.get(1);
        return switch (what) {
            case "node" -> p.size() != 2 ? notFound(raw) : get(method, () -> Reply.json(200, Json.node(model.node(), settings.requireToken())));
            case "peers" -> p.size() != 2 ? notFound(raw) : get(method, () -> Reply.json(200, list("peers", model.peers().stream().map(Json::peer).toList())));
            case "errors" -> p.size() != 2 ? notFound(raw) : get(method, () -> Reply.json(200, list("errors", model.recentErrors().stream().map(Json::error).toList())));
            case "things" -> things(method, p, raw);
            case "actions" -> actions(ex, method, p, raw);
            case "events" -> p.size() != 2 ? notFound(raw) : notAllowed("GET");
            default -> notFound(raw);
        };
    }

    private Reply things(String method, List<String> p, String raw) {
        if (p.size() == 2) return get(method, () -> Reply.json(200, list("things", model.things().stream().map(Json::thing).toList())));
        if (p.size() != 4) return notFound(raw);
        return get(method, () -> model.thing(p.get(2), p.get(3))
                .map(t -> Reply.json(200, Json.thing(t)))
                .orElseGet(() -> Reply.problem(404, "unknown-thing", "no thing " + p.get(2) + "/" + p.get(3) + " in the directory")));
    }

    private Reply actions(HttpExchange ex, String method, List<String> p, String raw) throws IOException {
        if (p.size() == 3) {
            return get(method, () -> model.action(p.get(2))
                    .map(a -> Reply.json(200, Json.action(a)))
                    .orElseGet(() -> Reply.problem(404, "unknown-action", "no action with id " + p.get(2))));
        }
        if (p.size() != 2) return notFound(raw);
        if (!method.equals("POST")) return notAllowed("POST");
        Optional<Reply> denied = checkToken(ex);
        if (denied.isPresent()) return denied.get();
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return Reply.problem(415, "unsupported-media-type", "send the body as Content-Type: application/json");
        }
        Optional<byte[]> body = readBody(ex);
        if (body.isEmpty()) {
            return Reply.problem(413, "too-large", "the body is over the limit of " + settings.maxBodyBytes() + " bytes");
        }
        String requester = "http:" + ex.getRemoteAddress().getAddress().getHostAddress();
        return switch (ActionBody.parse(body.get(), requester)) {
            case ActionBody.Bad bad -> Reply.problem(400, "bad-request", bad.message());
            case ActionBody.Ok ok -> submit(ok.request());
        };
    }

    private Reply submit(ActionRequest request) {
        return switch (model.submit(request)) {
            case ActionSubmission.Accepted a -> {
                String url = "/api/actions/" + a.id();
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("id", a.id());
                o.put("status", ActionStatus.PENDING.wire());
                o.put("url", url);
                yield Reply.json(202, o, Map.of("Location", url));
            }
            case ActionSubmission.Refused r ->
                    Reply.problem(r.reason().httpStatus(), r.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.message());
        };
    }

    private Optional<Reply> checkToken(HttpExchange ex) {
        if (!settings.requireToken()) return Optional.empty();
        Map<String, String> challenge = Map.of("WWW-Authenticate", "Bearer");
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(Reply.problem(401, "unauthorized", "this gateway needs a token: send Authorization: Bearer TOKEN", challenge));
        }
        byte[] given = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, settings.token().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Reply.problem(401, "unauthorized", "wrong token", challenge));
        }
        return Optional.empty();
    }

    /** The body, or empty when it is over the limit (read no further than the limit). */
    private Optional<byte[]> readBody(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > settings.maxBodyBytes()) return Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        // The server closes a connection whose request takes longer than requestTimeout, which
        // ends this read with an IOException: that is the body deadline.
        InputStream in = ex.getRequestBody();
        byte[] b = in.readNBytes(settings.maxBodyBytes() + 1);
        return b.length > settings.maxBodyBytes() ? Optional.empty() : Optional.of(b);
    }

    private static Reply get(String method, java.util.function.Supplier<Reply> answer) {
        return method.equals("GET") ? answer.get() : notAllowed("GET");
    }

    private static Reply notAllowed(String allow) {
        return Reply.problem(405, "method-not-allowed", "use " + allow + " here", Map.of("Allow", allow));
    }

    private static Reply notFound(String path) {
        return Reply.problem(404, "not-found", "no such path: " + path);
    }

    private static ObjectNode list(String name, List<ObjectNode> items) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode a = o.putArray(name);
        items.forEach(a::add);
        return o;
    }

    private static List<String> segments(String rawPath) {
        return Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
                .toList();
    }

    private static void send(HttpExchange ex, Reply r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (!r.headers().containsKey("Cache-Control")) ex.getResponseHeaders().set("Cache-Control", "no-store");
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
        if (!head && r.body().length > 0) ex.getResponseBody().write(r.body());
    }
}
