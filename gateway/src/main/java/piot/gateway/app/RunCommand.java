package piot.gateway.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.LoadResult;

/**
 * {@code piot run --config FILE [--sim] [--move-corrupt-aside]}: validates the device file, starts the gateway and runs
 * until SIGTERM or SIGINT, then closes it and exits 0. An invalid file starts nothing and exits 2.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway until SIGTERM or Ctrl-C. An invalid device file is reported and nothing is started (exit 2).")
final class RunCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(RunCommand.class.getName());

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the device file")
    Path config;

    @Option(names = "--sim", description = "use simulated hardware whatever the file says")
    boolean sim;

    @Option(names = "--move-corrupt-aside",
            description = "if node.db is corrupt, rename it to node.db.corrupt-TIMESTAMP and start with empty state")
    boolean moveCorruptAside;

    @Spec
    CommandSpec spec;

    /** Counted down by SIGTERM/SIGINT; tests count it down themselves. */
    final CountDownLatch stopRequested = new CountDownLatch(1);
    private final BiFunction<DeviceConfig, Boolean, Gateway> gateways;

    RunCommand() {
        this.gateways = null;
    }

    RunCommand(BiFunction<DeviceConfig, Boolean, Gateway> gateways) {
        this.gateways = gateways;
    }

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
        Gateway gateway = gateways != null ? gateways.apply(loaded, sim) : Gateway.create(loaded, sim, moveCorruptAside);
        // Take over the signals before starting, so a SIGTERM during start-up still ends in a clean close.
        StopSignals.onStop(stopRequested::countDown);
        // Should the JVM end some other way (System.exit elsewhere, SIGHUP), still leave actuators safe.
        Thread hook = new Thread(gateway::close, "piot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            gateway.start();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "gateway failed to start", e);
            gateway.close();
            removeHook(hook);
            spec.commandLine().getErr().println("piot: gateway failed to start: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Main.RUNTIME_FAILURE;
        }
        // SIGHUP re-reads the device file and applies it like a pushed config: validated, health-checked, rolled back.
        StopSignals.onHangup(() -> Thread.ofVirtual().name("piot-reload").start(() -> reload(gateway)));
        stopRequested.await();
        LOG.log(System.Logger.Level.INFO, "stop requested; closing the gateway");
        gateway.close();
        removeHook(hook);
        return Main.OK;
    }

    private void reload(Gateway gateway) {
        try {
            var o = gateway.reload(config);
            LOG.log(o.state() == piot.gateway.fleet.FleetMessage.State.APPLIED ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    "reload of {0}: {1}: {2}", config, o.state().wire(), o.detail());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "reload of " + config + " failed: " + e.getMessage(), e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; close() is idempotent.
        }
    }
}
