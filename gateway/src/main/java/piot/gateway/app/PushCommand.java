package piot.gateway.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code piot push FILE --to NODE|A,B|*}: sends a signed file to nodes over the mesh and shows progress. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Send a signed file (FILE with FILE.sig) to nodes over the mesh, in chunks, with progress; it lands in DATA_DIR/fleet/inbox.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every node has it, verified", "1:refused somewhere, not done within --wait, or the gateway unreachable", "2:usage error"})
final class PushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "NODES", description = "NODE, NODE,NODE or * (every node the gateway knows)")
    String to;

    @Mixin
    ApiOptions api;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT2M", description = "how long to follow progress (ISO-8601, default ${DEFAULT-VALUE})")
    Duration wait;

    @Override
    public Integer call() throws IOException {
        return FleetClient.push(api.client(Duration.ofSeconds(30)), "file", file, to, wait,
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
