package piot.gateway.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.ConfigProblem;
import piot.gateway.config.LoadResult;

/** {@code piot validate FILE…}: checks device files without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check device files. Prints 'FILE: ok' for each valid one; otherwise every problem as FILE:LINE:COLUMN: message on stderr and exits 2.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "device files to check")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            switch (ConfigLoader.load(file)) {
                case LoadResult.Loaded loaded -> out.println(file + ": ok");
                case LoadResult.Invalid invalid -> {
                    allValid = false;
                    print(err, invalid.problems());
                }
            }
        }
        out.flush();
        err.flush();
        return allValid ? Main.OK : Main.INVALID;
    }

    static void print(PrintWriter err, List<ConfigProblem> problems) {
        problems.forEach(err::println);
        err.flush();
    }
}
