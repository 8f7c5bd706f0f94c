package piot.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import piot.gateway.status.ApiClient;

/** What {@code piot push} and {@code piot config push} share: upload through the API, then show progress. */
final class FleetClient {
    private static final Set<String> GOOD = Set.of("received", "applied");
    private static final Set<String> FINAL = Set.of("received", "applied", "refused", "rolled-back", "failed");

    private FleetClient() {}

    /** Pushes {@code file} (with {@code FILE.sig}) and follows it for up to {@code wait}; returns the exit code. */
    static int push(ApiClient api, String kind, Path file, String to, Duration wait, PrintWriter out, PrintWriter err) throws IOException {
        Path sig = file.resolveSibling(file.getFileName() + ".sig");
        if (!Files.exists(sig)) {
            err.println("piot: " + sig + " not found: sign the file first (piot sign " + file + " --cert CRT --key KEY)");
            return Main.RUNTIME_FAILURE;
        }
        ObjectNode body = new ObjectMapper().createObjectNode().put("kind", kind).put("name", file.getFileName().toString())
                .put("content", Base64.getEncoder().encodeToString(Files.readAllBytes(file)))
                .put("signature", Base64.getEncoder().encodeToString(Files.readAllBytes(sig))).put("to", to);
        String id;
        switch (api.post("/api/fleet/push", body)) {
            case ApiClient.Answer.Ok ok -> id = ok.body().path("id").asText();
            case ApiClient.Answer a -> {
                err.println("piot: " + ApiClient.explain("/api/fleet/push", a));
                return Main.RUNTIME_FAILURE;
            }
        }
        out.println("transfer " + id + ": " + file.getFileName() + " to " + to);
        out.flush();
        return follow(api, id, wait, out, err);
    }

    /** Prints each node's progress as it changes until all are final or {@code wait} passes. */
    static int follow(ApiClient api, String id, Duration wait, PrintWriter out, PrintWriter err) {
        Map<String, String> shown = new HashMap<>();
        long end = System.nanoTime() + wait.toNanos();
        JsonNode t;
        while (true) {
            t = api.fetchOrExplain("/api/fleet/transfers/" + id, err);
            if (t == null) {
                return Main.RUNTIME_FAILURE;
            }
            boolean allFinal = true;
            for (JsonNode n : t.path("nodes")) {
                String line = "%-16s %-12s %3d/%-3d %s".formatted(n.path("node").asText(), n.path("state").asText(),
                        n.path("received").asInt(), n.path("count").asInt(), n.path("detail").asText());
                if (!line.equals(shown.put(n.path("node").asText(), line))) {
                    out.println(line);
                    out.flush();
                }
                allFinal &= FINAL.contains(n.path("state").asText());
            }
            if (allFinal || System.nanoTime() - end >= 0) {
                break;
            }
            LockSupport.parkNanos(500_000_000L); // progress poll interval
        }
        int bad = 0;
        int pending = 0;
        for (JsonNode n : t.path("nodes")) {
            String s = n.path("state").asText();
            if (!FINAL.contains(s)) {
                pending++;
            } else if (!GOOD.contains(s)) {
                bad++;
            }
        }
        if (pending > 0) {
            out.println(pending + " node(s) not done yet: what was not confirmed is held for them and continues when they are back "
                    + "(follow with `piot config status " + id + "`)");
        }
        return bad == 0 && pending == 0 ? Main.OK : Main.RUNTIME_FAILURE;
    }
}
