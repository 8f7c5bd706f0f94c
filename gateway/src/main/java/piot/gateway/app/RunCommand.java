package piot.gateway.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.LoadResult;

/**
 * {@code piot run --config FILE [--sim]}: validates the device file, starts the gateway and runs
 * until SIGTERM or SIGINT, then closes it. An invalid file starts nothing and exits 2.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway until SIGTERM or Ctrl-C. An invalid device file is reported and nothing is started (exit 2).")
final class RunCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(RunCommand.class.getName());

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the device file")
    Path config;

    @Option(names = "--sim", description = "use simulated hardware whatever the file says")
    boolean sim;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DeviceConfig loaded;
        switch (ConfigLoader.load(config)) {
            case LoadResult.Invalid invalid -> {
                ValidateCommand.print(spec.commandLine().getErr(), invalid.problems());
                return Main.INVALID;
            }
            case LoadResult.Loaded ok -> loaded = ok.config();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Gateway gateway;
        try {
            gateway = Gateway.create(loaded, sim);
            gateway.start();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "gateway failed to start", e);
            spec.commandLine().getErr().println("piot: gateway failed to start: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Main.RUNTIME_FAILURE;
        }
        Thread hook = new Thread(() -> {
            try {
                gateway.close();
            } finally {
                stopped.countDown();
            }
        }, "piot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // The JVM runs the hook on SIGTERM/SIGINT; this thread just waits so `run` never returns early.
        stopped.await();
        return Main.OK;
    }
}
