package piot.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.router.RoutingTable;

/**
 * The benchmark harness behind {@code scripts/bench}: runs every benchmark the components on this
 * branch allow, piot and its peer side by side in each run, and writes the Markdown report.
 * Arguments: {@code quick|full OUTPUT.md WORKDIR COMMAND}. Never run by the test suite.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !(args[0].equals("quick") || args[0].equals("full"))) {
            System.err.println("usage: BenchMain quick|full OUTPUT.md WORKDIR COMMAND");
            System.exit(2);
        }
        Settings s = args[0].equals("full") ? Settings.FULL : Settings.QUICK;
        Path out = Path.of(args[1]);
        Path root = Path.of(args[2]);
        Report r = new Report(s, Machine.probe(), Machine.loadAverage(), Instant.now(), args[3]);
        long t0 = System.nanoTime();
        try {
            // -Dpiot.bench.only=actions,uplink runs only those sections (to rerun one while working on it).
            java.util.Set<String> only = java.util.Set.of(System.getProperty("piot.bench.only", "").split(","));
            java.util.function.Predicate<String> on = name -> only.equals(java.util.Set.of("")) || only.contains(name);
            if (on.test("throughput")) {
                throughput(s, root, r);
            }
            if (on.test("outage")) {
                outage(s, root, r);
            }
            if (on.test("actions")) {
                actions(s, root, r);
            }
            if (on.test("uplink")) {
                uplink(s, root, r);
            }
            if (on.test("footprint")) {
                footprint(s, root, r);
            }
            if (on.test("nodes")) {
                nodes(s, root, r);
            }
            if (on.test("scale")) {
                scale(s, root, r);
            }
        } finally {
            r.finish(Machine.loadAverage(), Duration.ofNanos(System.nanoTime() - t0));
            Files.writeString(out, r.markdown());
            System.err.println("bench: wrote " + out);
            Temp.delete(root);
        }
    }

    private static void log(String what) {
        System.err.println("bench " + Instant.now() + ": " + what);
    }

    private static void throughput(Settings s, Path root, Report r) throws Exception {
        HoldingConfig holding = HoldingConfig.defaults();
        List<Rate> piot = new ArrayList<>();
        List<Rate> peer = new ArrayList<>();
        long timeout = TimeUnit.SECONDS.toNanos(Math.max(60, s.meshEvents() / 20));
        for (int run = 1; run <= s.runs(); run++) {
            log("throughput run " + run + ": piot " + s.meshEvents() + " events");
            piot.add(MeshThroughput.run(root, holding, s.meshEvents(), s.bodyBytes(), 1_000, timeout));
            log("throughput run " + run + ": piot " + Summary.num(piot.getLast().perSecond()) + "/s; mosquitto " + s.mqttEvents());
            peer.add(MqttThroughput.run(root, s.mqttEvents(), s.bodyBytes(), 100, timeout));
            log("throughput run " + run + ": mosquitto " + Summary.num(peer.getLast().perSecond()) + "/s");
        }
        double fsync = FsyncProbe.medianMicros(root, 200);
        List<Report.Profile> profile = new ArrayList<>();
        for (long ms : new long[] {0, 1, 5, 20}) {
            log("profile group_commit " + ms + " ms");
            Rate p = MeshThroughput.run(root, holding.withGroupCommit(Duration.ofMillis(ms)), s.profileEvents(), s.bodyBytes(),
                    1_000, timeout);
            profile.add(new Report.Profile(ms, p));
        }
        r.throughput(piot, peer, fsync, profile);
    }

    private static void outage(Settings s, Path root, Report r) throws Exception {
        List<Outage.Result> piot = new ArrayList<>();
        List<Outage.Result> peer = new ArrayList<>();
        for (int run = 1; run <= s.runs(); run++) {
            log("outage run " + run + ": piot");
            piot.add(MeshOutage.run(root, HoldingConfig.defaults(), s.outageRate(), s.outageSeconds(), s.cutSeconds(),
                    s.drainCapSeconds(), s.bodyBytes()));
            log("outage run " + run + ": piot " + piot.getLast() + "; mosquitto bridge");
            peer.add(BridgeOutage.run(root, s.outageRate(), s.outageSeconds(), s.cutSeconds(), s.drainCapSeconds(), s.bodyBytes()));
            log("outage run " + run + ": bridge " + peer.getLast());
        }
        r.outage(piot, peer);
    }

    private static void actions(Settings s, Path root, Report r) throws Exception {
        List<Report.Latency> series = new ArrayList<>();
        for (int hops : new int[] {1, 3}) {
            for (boolean load : new boolean[] {false, true}) {
                List<ActionLatency.Result> runs = new ArrayList<>();
                for (int run = 1; run <= s.runs(); run++) {
                    log("actions " + hops + " hop(s)" + (load ? " under load" : " at rest") + " run " + run);
                    runs.add(ActionLatency.piot(root, hops, load, s.actionSamples()));
                    log("actions: p50 " + Summary.num(runs.getLast().quantile(0.5)) + " ms, p99 "
                            + Summary.num(runs.getLast().quantile(0.99)) + " ms, max " + Summary.num(runs.getLast().max()) + " ms");
                }
                series.add(new Report.Latency("piot, " + hops + (hops == 1 ? " hop" : " hops") + (load ? ", under load" : ", at rest"),
                        hops, load, runs));
            }
        }
        List<ActionLatency.Result> mqtt = new ArrayList<>();
        for (int run = 1; run <= s.runs(); run++) {
            log("actions: mqtt round trip run " + run);
            mqtt.add(ActionLatency.mqtt(root, s.actionSamples()));
        }
        series.add(new Report.Latency("Mosquitto QoS 1 round trip (peer)", 0, false, mqtt));
        r.actions(series, s.actionSamples());
    }

    private static void uplink(Settings s, Path root, Report r) throws Exception {
        List<UplinkThroughput.Result> runs = new ArrayList<>();
        long timeout = TimeUnit.SECONDS.toNanos(60);
        for (int run = 1; run <= s.runs(); run++) {
            log("uplink run " + run + ": " + s.uplinkEvents() + " readings each");
            runs.add(UplinkThroughput.run(root, s.uplinkEvents(), s.bodyBytes(), timeout));
            log("uplink: piot " + Summary.num(runs.getLast().piot().perSecond()) + "/s, paho "
                    + Summary.num(runs.getLast().paho().perSecond()) + "/s");
        }
        r.uplink(runs, s.uplinkEvents());
    }

    private static void footprint(Settings s, Path root, Report r) throws Exception {
        List<Footprint.Result> plain = new ArrayList<>();
        List<Footprint.Result> aot = new ArrayList<>();
        Path cache = Footprint.trainAotCache(root);
        for (int run = 1; run <= s.runs(); run++) {
            log("footprint run " + run);
            plain.add(Footprint.run(root, null));
            log("footprint: " + plain.getLast());
            if (cache != null) {
                aot.add(Footprint.run(root, cache));
                log("footprint with AOT cache: " + aot.getLast());
            }
        }
        r.footprint(plain, aot);
    }

    private static void nodes(Settings s, Path root, Report r) throws Exception {
        List<Convergence.Result> results = new ArrayList<>();
        for (int n : s.lineSizes()) {
            log("nodes: line of " + n);
            results.add(Convergence.run(root, n, n > RoutingTable.INFINITY ? 30 : 60));
            log("nodes: " + results.getLast());
        }
        r.nodes(results);
    }

    private static void scale(Settings s, Path root, Report r) throws Exception {
        List<List<StoreScale.Result>> bySize = new ArrayList<>();
        for (int n : s.scaleSizes()) {
            int runs = n >= 1_000_000 ? 1 : s.runs();
            List<StoreScale.Result> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                log("scale " + n + " run " + run);
                results.add(StoreScale.run(root, HoldingConfig.defaults(), n, s.bodyBytes()));
                log("scale " + n + ": " + results.getLast());
            }
            bySize.add(results);
        }
        r.scale(bySize);
    }
}
