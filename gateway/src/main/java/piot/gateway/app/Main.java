package piot.gateway.app;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code piot} command.
 *
 * <p>Exit codes: {@value #OK} success; {@value #RUNTIME_FAILURE} a runtime failure (the gateway
 * could not start or crashed, a file could not be written); {@value #INVALID} an invalid
 * configuration or a usage error (unknown option, missing argument).
 */
@Command(name = "piot", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Gateway for Raspberry Pi sensors and actuators, meshed over intermittent links.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure", "2:invalid configuration or usage"})
public final class Main implements Callable<Integer> {
    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: something failed at run time. */
    public static final int RUNTIME_FAILURE = 1;
    /** Exit code: invalid configuration or command-line usage. */
    public static final int INVALID = 2;

    /** Every subcommand, in the order {@code piot --help} lists them; add yours here. */
    static List<Object> subcommands() {
        return List.of(
                new ValidateCommand(),
                new RunCommand(),
                new StatusCommand(),
                new ThingsCommand(),
                new ActCommand(),
                new PkiCommand(),
                new SignCommand(),
                new PushCommand(),
                new ConfigCommand(),
                new ReleaseCommand(),
                new DemoCommand());
    }

    @Spec
    CommandSpec spec;

    private Main() {}

    /** {@code piot} without a command: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return INVALID;
    }

    public static void main(String[] args) {
        // One compact line per log record on the console, unless the user chose a format.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tH:%1$tM:%1$tS %4$s %5$s%6$s%n");
        }
        System.exit(execute(args));
    }

    /** Runs {@code piot} with {@code args} and returns its exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        subcommands().forEach(cl::addSubcommand);
        cl.getCommandSpec().exitCodeOnInvalidInput(INVALID);
        cl.getCommandSpec().exitCodeOnExecutionException(RUNTIME_FAILURE);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().exitCodeOnInvalidInput(INVALID);
            sub.getCommandSpec().exitCodeOnExecutionException(RUNTIME_FAILURE);
        }
        return cl;
    }
}
