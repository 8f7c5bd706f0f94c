package piot.gateway.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import piot.gateway.config.ConfigLoader;
import piot.gateway.config.ConfigProblem;
import piot.gateway.config.DeviceConfig;
import piot.gateway.config.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code piot demo}: a small mesh of simulated gateways on this machine (greenhouse, barn,
 * controller; the controller bridges to MQTT when a broker answers on 127.0.0.1:1883), their
 * status-page URLs, and a scenario to watch. Runs until Ctrl-C, or for {@code --duration}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a small mesh of simulated gateways on this machine, print their status-page URLs and run a scenario.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "where the demo writes its certificates, device files and data, kept afterwards (default: a new temporary directory, removed when the demo stops)")
    Path dir;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this many seconds once the scenario has run (default: run until Ctrl-C)")
    Long durationSeconds;

    @Option(names = "--no-mqtt", description = "do not bridge to a local MQTT broker even if one is running")
    boolean noMqtt;

    @Option(names = "--verbose", description = "show every gateway's log on stderr (default: warnings only, so the scenario stays readable)")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!verbose) {
            // Three gateways log every reading; the scenario lines are what a new user should read.
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
        Path where = dir != null ? dir : Files.createTempDirectory("piot-demo-");
        String mqtt = !noMqtt && DemoSite.listening("127.0.0.1", 1883) ? "tcp://127.0.0.1:1883" : null;
        DemoSite site = DemoSite.write(where, mqtt);
        Map<String, DeviceConfig> configs = new LinkedHashMap<>();
        for (String node : DemoSite.NODES) {
            switch (ConfigLoader.load(site.config(node))) {
                case LoadResult.Loaded ok -> configs.put(node, ok.config());
                case LoadResult.Invalid bad -> {
                    bad.problems().stream().map(ConfigProblem::toString).forEach(err::println);
                    return Main.RUNTIME_FAILURE;
                }
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        Map<String, Gateway> running = new LinkedHashMap<>();
        try {
            for (String node : DemoSite.NODES) {
                start(running, configs, node);
            }
            out.println("piot demo: three simulated gateways in " + site.dir());
            for (String node : DemoSite.NODES) {
                out.printf("  %-13s status page %s   device file %s%n", node, site.httpUrl(node), site.config(node));
            }
            out.println(mqtt != null ? "  controller-1 bridges the mesh to MQTT at " + mqtt
                    : "  (no MQTT broker on 127.0.0.1:1883; start one to see the bridge)");
            out.println("Open a status page in a browser; Ctrl-C stops the demo.");
            out.flush();
            boolean ok = new DemoScenario(site, out).run(new DemoScenario.Barn() {
                public void stop() {
                    running.remove(DemoSite.BARN).close();
                }

                public void start() {
                    DemoCommand.start(running, configs, DemoSite.BARN);
                }
            });
            out.println(ok ? "Scenario done; the gateways keep running. Ctrl-C stops the demo."
                    : "Scenario incomplete (see above); the gateways keep running. Ctrl-C stops the demo.");
            out.flush();
            if (durationSeconds != null) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            return ok ? Main.OK : Main.RUNTIME_FAILURE;
        } finally {
            running.values().forEach(Gateway::close);
            out.println("piot demo: stopped; every actuator is in its safe state.");
            if (dir == null) {
                // A directory of our own making (keys, device files, data): leave nothing behind; --dir keeps it.
                removeTree(where, err);
            }
            out.flush();
        }
    }

    private static void removeTree(Path root, PrintWriter err) {
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("piot demo: could not remove " + root + ": " + e.getMessage());
        }
    }

    private static void start(Map<String, Gateway> running, Map<String, DeviceConfig> configs, String node) {
        Gateway g = Gateway.create(configs.get(node), true);
        g.start();
        running.put(node, g);
    }
}
