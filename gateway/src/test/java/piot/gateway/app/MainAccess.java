package piot.gateway.app;

import picocli.CommandLine;

/** The {@code piot} command line for tests in other packages. */
public final class MainAccess {
    private MainAccess() {}

    public static CommandLine commandLine() {
        return Main.commandLine();
    }
}
