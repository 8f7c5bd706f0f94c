package piot.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import piot.gateway.status.ApiClient;
import piot.gateway.status.Reports;

/** {@code piot status}: a running gateway's node, peers (session, holding depth) and things. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show a running gateway's node, peers with session state and holding depth, and things.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "1:the gateway could not be reached or refused", "2:usage error"})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = ApiClient.DEFAULT_URL,
            description = "Base URL of the gateway's HTTP API (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--json", description = "Print {node, peers, things} as JSON instead of tables.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ApiClient api = new ApiClient(url, null, Duration.ofSeconds(5));
        JsonNode node = api.fetchOrExplain("/api/node", err);
        JsonNode peers = node == null ? null : api.fetchOrExplain("/api/peers", err);
        JsonNode things = peers == null ? null : api.fetchOrExplain("/api/things", err);
        if (things == null) return 1;
        if (json) {
            ObjectNode all = new ObjectMapper().createObjectNode();
            all.set("node", node);
            all.set("peers", peers.path("peers"));
            all.set("things", things.path("things"));
            out.println(all.toPrettyString());
        } else {
            ZoneId zone = ZoneId.systemDefault();
            out.print(Reports.node(node));
            out.println();
            out.print(Reports.peers(peers.path("peers"), zone));
            out.println();
            out.print(Reports.things(things.path("things"), zone));
        }
        out.flush();
        return 0;
    }
}
