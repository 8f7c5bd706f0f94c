package piot.gateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import piot.gateway.holding.HoldingConfig;

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
            throughput(s, root, r);
            outage(s, root, r);
            scale(s, root, r);
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
