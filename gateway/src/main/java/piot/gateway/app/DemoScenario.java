package piot.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the demo shows a new user, step by step, through the gateways' own HTTP API (the same
 * calls {@code piot status} and {@code piot act} make): readings crossing the mesh, the barn
 * going offline and its backlog catching up when it returns, and an action crossing two hops.
 */
final class DemoScenario {
    /** Starts and stops the barn gateway, standing in for its power being cut. */
    interface Barn {
        void stop();

        void start();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DemoSite site;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final long startNanos = System.nanoTime();

    DemoScenario(DemoSite site, PrintWriter out) {
        this.site = site;
        this.out = out;
    }

    /** Runs every step; returns false (having said why) when a step did not happen in time. */
    boolean run(Barn barn) throws InterruptedException {
        say("waiting for the sessions and the first readings to reach the controller...");
        Optional<JsonNode> reading = await(Duration.ofSeconds(40), () -> firstReading(DemoSite.CONTROLLER, DemoSite.GREENHOUSE));
        if (reading.isEmpty()) {
            return fail("no reading from " + DemoSite.GREENHOUSE + " reached " + DemoSite.CONTROLLER + " within 40 s");
        }
        say("readings flow: " + describe(reading.get()) + " (greenhouse -> barn -> controller)");

        say("cutting the barn's power: " + DemoSite.BARN + " stops; the greenhouse holds its readings");
        barn.stop();
        Optional<Long> held = await(Duration.ofSeconds(30), () -> depthFor(DemoSite.GREENHOUSE, DemoSite.BARN).filter(d -> d >= 5));
        if (held.isEmpty()) {
            return fail("the greenhouse held nothing for the barn within 30 s");
        }
        say("greenhouse-1 holds " + held.get() + " messages for barn-1 (on disk, in order)");

        say("power back: " + DemoSite.BARN + " restarts and the backlog catches up");
        long healNanos = System.nanoTime();
        barn.start();
        Optional<Long> drained = await(Duration.ofSeconds(60), () -> depthFor(DemoSite.GREENHOUSE, DemoSite.BARN).filter(d -> d == 0));
        if (drained.isEmpty()) {
            return fail("the backlog for barn-1 did not drain within 60 s");
        }
        say(String.format("backlog delivered %.1f s after the barn returned, nothing lost", (System.nanoTime() - healNanos) / 1e9));

        return switchPump();
    }

    private boolean switchPump() throws InterruptedException {
        Optional<JsonNode> pump = await(Duration.ofSeconds(20), () -> thing(DemoSite.CONTROLLER, DemoSite.GREENHOUSE, "pump"));
        if (pump.isEmpty() || pump.get().path("actions").isEmpty()) {
            return fail("the controller does not know greenhouse-1/pump and its actions");
        }
        String action = pump.get().path("actions").get(0).path("name").asText();
        say("controller-1 asks greenhouse-1/pump/" + action + " = on (two hops, expires in 30 s)");
        String body = "{\"node\":\"%s\",\"thing\":\"pump\",\"action\":\"%s\",\"value\":\"on\",\"expiry\":\"30s\"}"
                .formatted(DemoSite.GREENHOUSE, action);
        Optional<JsonNode> accepted = post(DemoSite.CONTROLLER, "api/actions", body);
        if (accepted.isEmpty() || !accepted.get().has("id")) {
            return fail("the controller did not accept the action: " + accepted.map(JsonNode::toString).orElse("no answer"));
        }
        String id = accepted.get().get("id").asText();
        int printed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> history = get(DemoSite.CONTROLLER, "api/actions/" + id);
            JsonNode updates = history.map(h -> h.path("updates")).orElse(JSON.createArrayNode());
            for (; printed < updates.size(); printed++) {
                JsonNode u = updates.get(printed);
                say("  action " + id + ": " + u.path("status").asText() + detail(u));
                if (isFinal(u.path("status").asText())) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
        return fail("the action had no final status within 40 s");
    }

    private static boolean isFinal(String status) {
        return status.equals("completed") || status.equals("failed") || status.equals("expired");
    }

    private static String detail(JsonNode update) {
        String d = update.path("detail").asText("");
        return d.isEmpty() ? "" : " (" + d + ")";
    }

    private Optional<JsonNode> firstReading(String at, String of) {
        return get(at, "api/things").flatMap(t -> {
            for (JsonNode thing : t.path("things")) {
                if (!thing.path("node").asText().equals(of)) {
                    continue;
                }
                for (JsonNode key : thing.path("keys")) {
                    if (key.path("value").isNumber()) {
                        return Optional.of(((com.fasterxml.jackson.databind.node.ObjectNode) key.deepCopy())
                                .put("thing", thing.path("thing").asText()));
                    }
                }
            }
            return Optional.empty();
        });
    }

    private static String describe(JsonNode key) {
        return String.format("%s %s = %.2f %s", key.path("thing").asText(), key.path("key").asText(),
                key.path("value").asDouble(), key.path("unit").asText());
    }

    private Optional<Long> depthFor(String at, String peer) {
        return get(at, "api/peers").flatMap(p -> {
            for (JsonNode n : p.path("peers")) {
                if (n.path("name").asText().equals(peer)) {
                    return Optional.of(n.path("holdingDepth").asLong());
                }
            }
            return Optional.empty();
        });
    }

    private Optional<JsonNode> thing(String at, String node, String thing) {
        return get(at, "api/things/" + node + "/" + thing);
    }

    private Optional<JsonNode> get(String node, String path) {
        return send(HttpRequest.newBuilder(URI.create(site.httpUrl(node) + path)).timeout(Duration.ofSeconds(3)).GET().build());
    }

    private Optional<JsonNode> post(String node, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(site.httpUrl(node) + path)).timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Optional<JsonNode> send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Polls {@code probe} every 250 ms until it answers or {@code limit} passes. */
    private static <T> Optional<T> await(Duration limit, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v;
            }
            Thread.sleep(250);
        }
        return Optional.empty();
    }

    private void say(String line) {
        out.printf("[demo %5.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        out.flush();
    }

    private boolean fail(String why) {
        say("step failed: " + why);
        return false;
    }
}
