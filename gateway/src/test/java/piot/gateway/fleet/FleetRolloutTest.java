package piot.gateway.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;
import piot.gateway.mesh.pki.Credentials;
import piot.gateway.runtime.TestMesh;

/**
 * A site of four gateways on loopback: ops-1 (where the operator pushes from) dials node-a, node-b
 * and node-c, each with a simulated BME280. Configs and files are pushed from ops-1 over the mesh.
 */
class FleetRolloutTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    @TempDir
    Path dir;
    private TestMesh net;
    private Credentials operator;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Gateway> gateways = new LinkedHashMap<>();
    private Gateway ops;

    @BeforeEach
    void start() throws Exception {
        net = new TestMesh(dir, "home");
        Instant now = Instant.now();
        operator = Operators.issue(net.ca(), "alice", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
        StringBuilder links = new StringBuilder("links:\n");
        for (String n : NODES) {
            net.issue(n);
            ports.put(n, TestMesh.freePort());
            links.append("  - { peer: ").append(n).append(", address: 127.0.0.1:").append(ports.get(n)).append(" }\n");
            startNode(n, net.config(n, nodeYaml(n, "500ms", "")));
        }
        net.issue("ops-1");
        ops = Gateway.create(net.config("ops-1", net.node("ops-1", TestMesh.freePort()) + net.security("ops-1") + links
                + "hardware: { provider: sim }\nhttp: { listen: 127.0.0.1:0 }\n"), true);
        ops.start();
        TestMesh.await("ops-1 has sessions to every node", WAIT, () -> ops.sessionsUp().containsAll(NODES));
    }

    private final Map<String, FakeInstaller> installers = new LinkedHashMap<>();
    private final Map<String, String> markerSeenByWatch = new java.util.concurrent.ConcurrentHashMap<>();

    private void startNode(String n, DeviceConfig c) throws java.io.IOException {
        FakeInstaller installer = installers.computeIfAbsent(n, FakeInstaller::new);
        Gateway g = Gateway.create(c, true).healthDeadline(Duration.ofSeconds(15)).installer(installer, () -> installer.running);
        installer.gateway = g;
        Path releases = dir.resolve("data-" + n).resolve("fleet/releases");
        Files.createDirectories(releases);
        Files.writeString(releases.resolve("piot_1.0.deb"), "piot 1.0");
        g.start();
        gateways.put(n, g);
    }

    /**
     * Stands in for dpkg and the restart its postinst does: "installing" a package ("piot VERSION")
     * restarts the gateway in process, and a version ending in -bad comes up with its sensor absent.
     * A version ending in -dead never starts: the fake then does what piot-install's start watch
     * does when its timeout passes (the marker still in phase installing): marks the release
     * rolling-back with its reason and restores the previous version, which starts and reports.
     */
    private final class FakeInstaller implements Installer {
        final String node;
        volatile String running = "1.0";
        volatile Gateway gateway;
        final List<String> installed = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> phasesSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

        FakeInstaller(String node) {
            this.node = node;
        }

        @Override
        public String version(Path deb) throws java.io.IOException {
            String text = Files.readString(deb);
            if (!text.startsWith("piot ")) {
                throw new java.io.IOException(deb.getFileName() + " is not a piot package");
            }
            return text.substring(5).strip();
        }

        @Override
        public void install(Path deb) throws java.io.IOException {
            Path pending = deb.resolveSibling("pending");
            if (phasesSeen.isEmpty()) {
                // Watches the marker as piot-install does after dpkg: the phases it goes through, in order.
                Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 4_000; i++) { // 80 s at most
                        try {
                            String m = Files.readString(pending);
                            java.util.regex.Matcher x = java.util.regex.Pattern.compile("(?m)^phase=(.*)$").matcher(m);
                            if (x.find() && (phasesSeen.isEmpty() || !phasesSeen.getLast().equals(x.group(1)))) {
                                phasesSeen.add(x.group(1));
                            }
                        } catch (java.io.IOException gone) {
                            if (!phasesSeen.isEmpty()) {
                                phasesSeen.add("gone");
                                return;
                            }
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                    }
                });
            }
            String v = version(deb);
            installed.add(v);
            if (v.endsWith("-dead")) {
                String previous = running;
                Thread.ofVirtual().start(() -> {
                    try {
                        gateway.restart(net.config(node + "-down", nodeYaml(node, "500ms", ""))); // the old process is gone
                        String m = Files.readString(pending);
                        markerSeenByWatch.put(node, m);
                        Files.writeString(pending, m.replaceAll("(?m)^phase=.*$", "phase=rolling-back")
                                + "reason=piot " + v + " did not start within 300 s; the installer restored " + previous + "\n");
                        installed.add(previous);
                        gateway.resumeRelease();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                return;
            }
            String extra = v.endsWith("-bad") ? "simulation:\n  faults:\n    - { device: air, fault: absent }\n" : "";
            DeviceConfig next = net.config(node + "-" + v, nodeYaml(node, "500ms", extra));
            Thread.ofVirtual().start(() -> {
                running = v;
                gateway.restart(next);
                gateway.resumeRelease();
            });
        }
    }

    /** A node's device file; {@code interval} of its sensor, {@code extra} appended (e.g. a simulation section). */
    private String nodeYaml(String n, String interval, String extra) {
        return net.node(n, ports.get(n)) + net.security(n) + """
                hardware: { provider: sim }
                sensors:
                  - { id: air, type: bme280, i2c: { bus: 1, address: 0x76 }, interval: %s }
                http: { listen: 127.0.0.1:0 }
                """.formatted(interval) + extra;
    }

    private String bundle(String interval, String extra) {
        return String.join("---\n", NODES.stream().map(n -> nodeYaml(n, interval, extra)).toList());
    }

    @AfterEach
    void stop() {
        if (ops != null) {
            ops.close();
        }
        gateways.values().forEach(Gateway::close);
    }

    private byte[] signed(byte[] content) {
        return Signatures.sign(content, operator.certificate(), operator.key());
    }

    private Map<String, FleetMessage.State> awaitFinal(String transfer) {
        TestMesh.await("every node's final answer to " + transfer, WAIT, () -> ops.fleet().transfer(transfer).orElseThrow()
                .nodes().stream().allMatch(p -> p.state().isFinal()));
        Map<String, FleetMessage.State> states = new LinkedHashMap<>();
        ops.fleet().transfer(transfer).orElseThrow().nodes().forEach(p -> states.put(p.node(), p.state()));
        return states;
    }

    private String detail(String transfer, String node) {
        return ops.fleet().transfer(transfer).orElseThrow().nodes().stream().filter(p -> p.node().equals(node)).findFirst()
                .orElseThrow().detail();
    }

    private static Duration interval(Gateway g) {
        return ((piot.gateway.config.SensorConfig.I2cSensor) g.config().sensors().getFirst()).interval();
    }

    @Test
    void configPushedToEveryNodeReachesOneThatWasOfflineDuringThePush() throws Exception {
        gateways.remove("node-c").close();
        TestMesh.await("ops-1 sees node-c down", WAIT, () -> !ops.sessionsUp().contains("node-c"));
        byte[] config = bundle("700ms", "").getBytes(StandardCharsets.UTF_8);
        List<String> to = Targets.resolve("*", ops.status().peers().stream().map(p -> p.name()).toList(), "ops-1");
        assertEquals(NODES, to);
        String id = ops.fleet().push(FleetMessage.Kind.CONFIG, "site.yaml", config, signed(config), to);

        TestMesh.await("node-a and node-b applied", WAIT, () -> ops.fleet().transfer(id).orElseThrow().nodes().stream()
                .filter(p -> !p.node().equals("node-c")).allMatch(p -> p.state() == FleetMessage.State.APPLIED));
        assertEquals(FleetMessage.State.PENDING, ops.fleet().transfer(id).orElseThrow().nodes().get(2).state());

        startNode("node-c", net.config("node-c", nodeYaml("node-c", "500ms", "")));
        Map<String, FleetMessage.State> states = awaitFinal(id);
        assertEquals(Map.of("node-a", FleetMessage.State.APPLIED, "node-b", FleetMessage.State.APPLIED,
                "node-c", FleetMessage.State.APPLIED), states);
        for (String n : NODES) {
            assertEquals(Duration.ofMillis(700), interval(gateways.get(n)), n);
            assertTrue(Files.readString(dir.resolve(n + ".yaml")).contains("interval: 700ms"), n + ": the file on disk was rewritten");
        }
    }

    @Test
    void brokenUnsignedTamperedOrNodeSignedConfigsAreRefusedEverywhere() throws Exception {
        byte[] broken = bundle("5 parsecs", "").getBytes(StandardCharsets.UTF_8);
        byte[] good = bundle("700ms", "").getBytes(StandardCharsets.UTF_8);
        Credentials node = piot.gateway.mesh.pki.NetworkCa.issue(net.ca(), "node-x", Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(1)));
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put(ops.fleet().push(FleetMessage.Kind.CONFIG, "broken.yaml", broken, signed(broken), NODES), "invalid config");
        reasons.put(ops.fleet().push(FleetMessage.Kind.CONFIG, "unsigned.yaml", good, new byte[0], NODES), "not signed");
        reasons.put(ops.fleet().push(FleetMessage.Kind.CONFIG, "tampered.yaml", good, signed(broken), NODES), "tampered");
        reasons.put(ops.fleet().push(FleetMessage.Kind.CONFIG, "by-node.yaml", good,
                Signatures.sign(good, node.certificate(), node.key()), NODES), "not an operator");
        for (var e : reasons.entrySet()) {
            Map<String, FleetMessage.State> states = awaitFinal(e.getKey());
            for (String n : NODES) {
                assertEquals(FleetMessage.State.REFUSED, states.get(n), n + " " + e.getValue());
                assertTrue(detail(e.getKey(), n).contains(e.getValue()), n + ": " + detail(e.getKey(), n));
            }
        }
        for (String n : NODES) {
            assertEquals(Duration.ofMillis(500), interval(gateways.get(n)), n + " unchanged");
        }
    }

    @Test
    void aConfigThatStartsButBreaksSensingIsRolledBack() throws Exception {
        String faulty = "simulation:\n  faults:\n    - { device: air, fault: absent }\n";
        byte[] config = nodeYaml("node-a", "300ms", faulty).getBytes(StandardCharsets.UTF_8);
        String id = ops.fleet().push(FleetMessage.Kind.CONFIG, "node-a.yaml", config, signed(config), List.of("node-a"));
        assertEquals(Map.of("node-a", FleetMessage.State.ROLLED_BACK), awaitFinal(id));
        assertTrue(detail(id, "node-a").contains("sensors not reading: air"), detail(id, "node-a"));
        Gateway a = gateways.get("node-a");
        assertEquals(Duration.ofMillis(500), interval(a));
        assertTrue(a.config().simulation().faults().isEmpty());
        assertTrue(Files.readString(dir.resolve("node-a.yaml")).contains("interval: 500ms"));
        Instant after = Instant.now();
        TestMesh.await("node-a reads its sensor again", WAIT, () -> a.status().thing("node-a", "air").orElseThrow().keys().stream()
                .anyMatch(k -> k.value() instanceof Number && k.ts() != null && k.ts().isAfter(after)));
        TestMesh.await("the session to ops-1 is back", WAIT, () -> a.sessionsUp().contains("ops-1"));
    }

    @Test
    void aFileLargerThanTheWindowArrivesWholeAndVerified() throws Exception {
        byte[] content = new byte[FleetCodec.CHUNK_BYTES * 20 + 123];
        new Random(7).nextBytes(content);
        String id = ops.fleet().push(FleetMessage.Kind.FILE, "blob.bin", content, signed(content), List.of("node-a", "node-b"));
        Map<String, FleetMessage.State> states = awaitFinal(id);
        assertEquals(Map.of("node-a", FleetMessage.State.RECEIVED, "node-b", FleetMessage.State.RECEIVED), states);
        for (String n : List.of("node-a", "node-b")) {
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("data-" + n).resolve("fleet/inbox/blob.bin")), n);
            assertEquals(21, ops.fleet().transfer(id).orElseThrow().nodes().get(0).received());
        }
    }

    /**
     * A file the size of a piot .deb (~30 MB) through the command line and the HTTP API: its
     * base64 in the push body is past Jackson's default 20 MB string limit, which once refused
     * every real release with HTTP 400.
     */
    @Test
    void aReleaseSizedFileGoesThroughTheCommandLineAndArrivesWhole() throws Exception {
        byte[] content = new byte[32 * 1024 * 1024 + 7];
        new Random(11).nextBytes(content);
        Path file = dir.resolve("big.bin");
        Files.write(file, content);
        Files.write(dir.resolve("big.bin.sig"), signed(content));
        SignaturesTest.Result r = SignaturesTest.run("push", file.toString(), "--to", "node-a", "--url", ops.httpUri().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("node-a") && l.contains("received")), r.out());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("data-node-a").resolve("fleet/inbox/big.bin")));
    }

    @Test
    void theCommandLinePushesASignedBundleAndShowsWhereEachNodeStands() throws Exception {
        Path bundle = dir.resolve("site.yaml");
        Files.writeString(bundle, bundle("700ms", ""));
        String url = ops.httpUri().toString();
        SignaturesTest.Result r = SignaturesTest.run("config", "push", bundle.toString(), "--to", "*", "--url", url);
        assertEquals(1, r.code(), "unsigned: " + r.err());
        assertTrue(r.err().contains("site.yaml.sig not found"), r.err());
        Files.write(dir.resolve("site.yaml.sig"), signed(Files.readAllBytes(bundle)));
        r = SignaturesTest.run("config", "push", bundle.toString(), "--to", "*", "--url", url, "--wait", "PT60S");
        assertEquals(0, r.code(), r.out() + r.err());
        for (String n : NODES) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(n) && l.contains("applied")), r.out());
        }
        r = SignaturesTest.run("config", "status", "--url", url);
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.out().lines().filter(l -> l.contains(" applied ")).count(), r.out());

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, bundle("5 parsecs", ""));
        r = SignaturesTest.run("config", "push", broken.toString(), "--to", "*", "--url", url);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("broken.yaml:14:") && r.err().contains("nothing sent"), r.err());
    }

    private ReleaseWaves.Result release(String version, int waveSize) {
        byte[] deb = ("piot " + version).getBytes(StandardCharsets.UTF_8);
        byte[] sig = signed(deb);
        ReleaseWaves.Pusher pusher = new ReleaseWaves.Pusher() {
            @Override
            public String push(List<String> nodes) {
                return ops.fleet().push(FleetMessage.Kind.RELEASE, "piot_" + version + ".deb", deb, sig, nodes);
            }

            @Override
            public Map<String, FleetMessage.State> states(String transfer) {
                Map<String, FleetMessage.State> m = new LinkedHashMap<>();
                ops.fleet().transfer(transfer).orElseThrow().nodes().forEach(p -> m.put(p.node(), p.state()));
                return m;
            }
        };
        return ReleaseWaves.run(pusher, NODES, waveSize, WAIT, line -> {});
    }

    @Test
    void aReleaseInstalledNodeByNodeAndABadOneRolledBackAndHalted() throws Exception {
        Path deb = dir.resolve("piot_2.0.deb");
        Files.writeString(deb, "piot 2.0");
        Files.write(dir.resolve("piot_2.0.deb.sig"), signed(Files.readAllBytes(deb)));
        SignaturesTest.Result good = SignaturesTest.run("release", deb.toString(), "--to", "*", "--wave-size", "2",
                "--url", ops.httpUri().toString());
        assertEquals(0, good.code(), good.out() + good.err());
        assertTrue(good.out().contains("wave 1: [node-a, node-b]") && good.out().contains("wave 2: [node-c]"), good.out());
        NODES.forEach(n -> assertEquals("2.0", installers.get(n).running, n));

        ReleaseWaves.Result bad = release("3.0-bad", 1);
        assertEquals(Map.of("node-a", FleetMessage.State.ROLLED_BACK), bad.nodes());
        assertEquals(List.of("node-b", "node-c"), bad.notAttempted());
        assertEquals(List.of("2.0", "3.0-bad", "2.0"), installers.get("node-a").installed);
        assertEquals("2.0", installers.get("node-a").running);
        assertEquals(List.of("2.0"), installers.get("node-b").installed, "node-b was never touched");
        String detail = ops.fleet().transfers().getLast().nodes().getFirst().detail();
        assertTrue(detail.contains("sensors not reading: air") && detail.contains("2.0 running again"), detail);
        Gateway a = gateways.get("node-a");
        Instant after = Instant.now();
        TestMesh.await("node-a reads its sensor again", WAIT, () -> a.status().thing("node-a", "air").orElseThrow().keys().stream()
                .anyMatch(k -> k.value() instanceof Number && k.ts() != null && k.ts().isAfter(after)));
    }

    @Test
    void aReleaseThatNeverStartsIsRestoredByTheInstallersWatchAndReportedRolledBack() throws Exception {
        ReleaseWaves.Result dead = release("2.0-dead", 1);
        assertEquals(Map.of("node-a", FleetMessage.State.ROLLED_BACK), dead.nodes());
        assertEquals(List.of("node-b", "node-c"), dead.notAttempted());
        assertEquals(List.of("2.0-dead", "1.0"), installers.get("node-a").installed);
        assertEquals("1.0", installers.get("node-a").running);
        // What the watch keys on: nobody took the marker over, so it still says installing.
        String marker = markerSeenByWatch.get("node-a");
        assertTrue(marker.contains("phase=installing") && marker.contains("to=2.0-dead") && marker.contains("from=1.0"), marker);
        String detail = ops.fleet().transfers().getLast().nodes().getFirst().detail();
        assertTrue(detail.contains("did not start within 300 s") && detail.contains("1.0 running again"), detail);
        assertTrue(Files.notExists(dir.resolve("data-node-a/fleet/releases/pending")), "the marker is gone once reported");
    }

    @Test
    void aStartedReleaseTakesTheMarkerOverBeforeItsHealthCheck() throws Exception {
        ReleaseWaves.Result bad = release("2.0-bad", 1);
        assertEquals(Map.of("node-a", FleetMessage.State.ROLLED_BACK), bad.nodes());
        // The rollback was asked for by the new version after its own check: phase checking, then rolling-back.
        String detail = ops.fleet().transfers().getLast().nodes().getFirst().detail();
        assertTrue(detail.contains("not healthy within"), detail);
        List<String> phases = installers.get("node-a").phasesSeen;
        TestMesh.await("the watcher sees the marker go", WAIT, () -> phases.contains("gone"));
        assertEquals(List.of("installing", "checking", "rolling-back", "gone"), phases);
    }
}
