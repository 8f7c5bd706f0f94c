package piot.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code piot things}: every thing of the mesh with its latest values. */
@Command(name = "things", mixinStandardHelpOptions = true,
        description = "List every thing the gateway knows, with latest values and actions.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "1:the gateway could not be reached or refused", "2:usage error"})
public final class ThingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = ApiClient.DEFAULT_URL,
            description = "Base URL of the gateway's HTTP API (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--json", description = "Print the things as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode things = new ApiClient(url, null, Duration.ofSeconds(5)).fetchOrExplain("/api/things", spec.commandLine().getErr());
        if (things == null) return 1;
        out.print(json ? things.path("things").toPrettyString() + "\n" : Reports.things(things.path("things"), ZoneId.systemDefault()));
        out.flush();
        return 0;
    }
}
