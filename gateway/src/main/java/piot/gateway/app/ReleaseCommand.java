package piot.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import piot.gateway.fleet.FleetMessage;
import piot.gateway.fleet.ReleaseWaves;
import piot.gateway.fleet.Targets;
import piot.gateway.status.ApiClient;

/** {@code piot release DEB --to NODES [--wave-size N]}: installs a signed piot .deb on nodes in waves, halting on the first rollback. */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Install a signed piot .deb (DEB with DEB.sig) on nodes, a wave at a time; the first node that does not come back healthy is rolled back and halts the roll-out.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every node runs the release", "1:halted (refused, rolled back, failed, timed out) or unreachable", "2:usage error"})
final class ReleaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEB")
    Path deb;

    @Option(names = "--to", required = true, paramLabel = "NODES", description = "NODE, NODE,NODE or *")
    String to;

    @Option(names = "--wave-size", defaultValue = "1", description = "nodes per wave (default ${DEFAULT-VALUE}: one at a time)")
    int waveSize;

    @Option(names = "--wave-timeout", defaultValue = "PT10M", description = "how long a wave may take (ISO-8601, default ${DEFAULT-VALUE})")
    Duration waveTimeout;

    @Mixin
    ApiOptions apiOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path sig = deb.resolveSibling(deb.getFileName() + ".sig");
        if (!Files.exists(sig)) {
            err.println("piot release: " + sig + " not found: sign the package first (piot sign " + deb + " --cert CRT --key KEY)");
            return Main.RUNTIME_FAILURE;
        }
        ApiClient api = apiOptions.client(Duration.ofSeconds(60));
        JsonNode node = api.fetchOrExplain("/api/node", err);
        JsonNode peers = node == null ? null : api.fetchOrExplain("/api/peers", err);
        if (peers == null) {
            return Main.RUNTIME_FAILURE;
        }
        List<String> known = new ArrayList<>();
        peers.path("peers").forEach(p -> known.add(p.path("name").asText()));
        List<String> nodes;
        try {
            nodes = Targets.resolve(to, known, node.path("name").asText());
        } catch (IllegalArgumentException e) {
            err.println("piot release: " + e.getMessage());
            return Main.INVALID;
        }
        String content = Base64.getEncoder().encodeToString(Files.readAllBytes(deb));
        String signature = Base64.getEncoder().encodeToString(Files.readAllBytes(sig));
        ReleaseWaves.Pusher pusher = new ReleaseWaves.Pusher() {
            @Override
            public String push(List<String> wave) {
                ObjectNode body = new ObjectMapper().createObjectNode().put("kind", "release").put("name", deb.getFileName().toString())
                        .put("content", content).put("signature", signature).put("to", String.join(",", wave));
                return switch (api.post("/api/fleet/push", body)) {
                    case ApiClient.Answer.Ok ok -> ok.body().path("id").asText();
                    case ApiClient.Answer a -> throw new UncheckedIOException(new IOException(ApiClient.explain("/api/fleet/push", a)));
                };
            }

            @Override
            public Map<String, FleetMessage.State> states(String transfer) {
                Map<String, FleetMessage.State> m = new LinkedHashMap<>();
                if (api.get("/api/fleet/transfers/" + transfer) instanceof ApiClient.Answer.Ok ok) {
                    ok.body().path("nodes").forEach(n -> m.put(n.path("node").asText(),
                            FleetMessage.State.valueOf(n.path("state").asText().toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
                }
                return m;
            }
        };
        try {
            ReleaseWaves.Result r = ReleaseWaves.run(pusher, nodes, waveSize, waveTimeout, line -> {
                out.println(line);
                out.flush();
            });
            r.nodes().forEach((n, s) -> out.println("%-16s %s".formatted(n, s.wire())));
            r.notAttempted().forEach(n -> out.println("%-16s not attempted".formatted(n)));
            out.flush();
            return r.ok() ? Main.OK : Main.RUNTIME_FAILURE;
        } catch (UncheckedIOException | IllegalArgumentException e) {
            err.println("piot release: " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }
    }
}
