package piot.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import piot.gateway.fleet.ConfigBundle;
import piot.gateway.status.ApiClient;

/**
 * {@code piot config push BUNDLE --to NODES} and {@code piot config status [ID]}: roll a signed
 * config bundle out over the mesh (each node validates, applies, health-checks and rolls back on
 * its own) and show where each node stands.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Roll a signed config bundle out to nodes (push) and show where each node stands (status).",
        subcommands = {ConfigCommand.Push.class, ConfigCommand.Status.class})
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Main.INVALID;
    }

    @Command(name = "push", mixinStandardHelpOptions = true,
            description = "Validate BUNDLE (device files separated by ---, one per node) here, then send it with BUNDLE.sig to NODES.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every node applied it", "1:refused, rolled back, not done within --wait, or unreachable", "2:invalid bundle or usage"})
    static final class Push implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "BUNDLE")
        Path file;

        @Option(names = "--to", required = true, paramLabel = "NODES", description = "NODE, NODE,NODE or *")
        String to;

        @Mixin
        ApiOptions api;

        @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT3M", description = "how long to follow (ISO-8601, default ${DEFAULT-VALUE})")
        Duration wait;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            List<String> problems = ConfigBundle.problems(file, Files.readString(file));
            if (!problems.isEmpty()) {
                problems.forEach(err::println);
                err.println("piot config push: nothing sent");
                return Main.INVALID;
            }
            return FleetClient.push(api.client(Duration.ofSeconds(30)), "config", file, to, wait,
                    spec.commandLine().getOut(), err);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show the config roll-outs started from this gateway, or one of them, node by node.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "a transfer id (default: all)")
        String id;

        @Option(names = "--url", paramLabel = "URL", defaultValue = ApiClient.DEFAULT_URL, description = "the gateway's HTTP API (default: ${DEFAULT-VALUE})")
        URI url;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ApiClient api = new ApiClient(url, null, Duration.ofSeconds(5));
            JsonNode body = api.fetchOrExplain(id == null ? "/api/fleet/transfers" : "/api/fleet/transfers/" + id, spec.commandLine().getErr());
            if (body == null) {
                return Main.RUNTIME_FAILURE;
            }
            Iterable<JsonNode> transfers = id == null ? body.path("transfers") : List.of(body);
            int shown = 0;
            for (JsonNode t : transfers) {
                shown++;
                out.println(t.path("started").asText() + "  " + t.path("kind").asText() + " " + t.path("name").asText() + "  " + t.path("id").asText());
                for (JsonNode n : t.path("nodes")) {
                    out.println("  %-16s %-12s %s".formatted(n.path("node").asText(), n.path("state").asText(), n.path("detail").asText()));
                }
            }
            if (shown == 0) {
                out.println("no roll-outs started from this gateway since it started");
            }
            out.flush();
            return Main.OK;
        }
    }
}
