package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import piot.time.Clock;

class MeshDeliveryTest {
    final TestNetwork net = new TestNetwork("home");
    final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    MeshNode start(MeshSettings s, LinkStore store, MessageHandler h) throws Exception {
        MeshNode n = MeshNode.start(s, store, Clock.system(), h);
        nodes.add(n);
        return n;
    }

    static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void twoNodesExchangeMessagesInOrderOverTls() throws Exception {
        var ra = new TestNetwork.Recorder();
        var rb = new TestNetwork.Recorder();
        MeshNode b = start(net.settings("bravo"), new InMemoryLinkStore(), rb);
        MeshNode a = start(net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(b))), new InMemoryLinkStore(), ra);
        for (long i = 1; i <= 200; i++) {
            a.send("bravo", TestNetwork.message("alpha", "bravo", i));
            b.send("alpha", TestNetwork.message("bravo", "alpha", i));
        }
        await("200 each way", Duration.ofSeconds(20), () -> rb.count("alpha") == 200 && ra.count("bravo") == 200);
        assertEquals(oneTo(200), rb.from("alpha"));
        assertEquals(oneTo(200), ra.from("bravo"));
        await("holding drained", Duration.ofSeconds(5), () -> a.peers().get(0).holdingDepth() == 0);
        assertEquals(PeerView.State.UP, b.peers().get(0).state());
        assertEquals("alpha", b.peers().get(0).peer());
    }

    /** Takes runs at once; refuses the first run holding message 77, and message 150 once on its own. */
    static final class RunRecorder implements MessageHandler.Batching {
        final List<Long> got = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger runsOfMany = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean refusedRun = new java.util.concurrent.atomic.AtomicBoolean();
        final java.util.concurrent.atomic.AtomicBoolean refusedOne = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void onMessages(List<Delivery> run) {
            if (run.stream().anyMatch(d -> d.envelope().sourceSeq() == 77) && refusedRun.compareAndSet(false, true)) {
                throw new IllegalStateException("run with 77 refused once");
            }
            if (run.stream().anyMatch(d -> d.envelope().sourceSeq() == 150) && !refusedOne.get()) {
                throw new IllegalStateException("a run with 150 is refused until 150 was refused on its own");
            }
            if (run.size() > 1) {
                runsOfMany.incrementAndGet();
            }
            run.forEach(d -> got.add(d.envelope().sourceSeq()));
        }

        @Override
        public void onMessage(Delivery d) {
            if (d.envelope().sourceSeq() == 150 && refusedOne.compareAndSet(false, true)) {
                throw new IllegalStateException("150 refused once");
            }
            got.add(d.envelope().sourceSeq());
        }
    }

    @Test
    void runsOfMessagesAreTakenTogetherAndARefusedRunIsOfferedOneByOne() throws Exception {
        var rb = new RunRecorder();
        MeshNode b = start(net.settings("bravo").withFaults(new FaultPlan(7, 0.02, 0.02, 0.02, 0, 0)), new InMemoryLinkStore(), rb);
        MeshNode a = start(net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(b)))
                .withFaults(new FaultPlan(8, 0.02, 0.02, 0.02, 0, 0)), new InMemoryLinkStore(), new TestNetwork.Recorder());
        int n = 3_000;
        for (long i = 1; i <= n; i++) {
            a.send("bravo", TestNetwork.message("alpha", "bravo", i));
        }
        await(n + " delivered", Duration.ofSeconds(60), () -> rb.got.size() >= n);
        await("holding drained", Duration.ofSeconds(10), () -> a.peers().get(0).holdingDepth() == 0);
        assertEquals(oneTo(n), List.copyOf(rb.got), "every message once, in order");
        assertTrue(rb.refusedRun.get() && rb.refusedOne.get(), "both refusals happened");
        assertTrue(rb.runsOfMany.get() > 0, "some messages were taken as a run");
        assertTrue(b.stats().get("runs_refused") >= 1);
        assertTrue(b.stats().get("handler_refused") >= 1);
    }

    /**
     * A full mesh of {@code n} nodes, each writing through its own seeded {@link FaultPlan} with
     * every kind of fault; every node sends {@code perPair} numbered messages to every other.
     */
    @ParameterizedTest(name = "{0} nodes, {1} messages per directed link")
    @CsvSource({"2, 2000", "3, 1000", "5, 400"})
    void everyMessageIsDeliveredOnceInOrderPerSourceDespiteEveryKindOfFault(int n, int perPair) throws Exception {
        FaultPlan faults = new FaultPlan(42, 0.02, 0.02, 0.02, 0.003, 0.002, 0.02, Duration.ofMillis(20));
        String[] names = {"alpha", "bravo", "charlie", "delta", "echo"};
        MeshNode[] ns = new MeshNode[n];
        TestNetwork.Recorder[] rs = new TestNetwork.Recorder[n];
        for (int i = 0; i < n; i++) {
            rs[i] = new TestNetwork.Recorder();
            List<Link> links = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                links.add(TestNetwork.linkTo(ns[j]));
            }
            ns[i] = start(net.settings(names[i]).withLinks(links).withFaults(faults.withSeed(faults.seed() + i)),
                    new InMemoryLinkStore(), rs[i]);
        }
        for (long k = 1; k <= perPair; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        ns[i].send(names[j], TestNetwork.message(names[i], names[j], k));
                    }
                }
            }
        }
        await(perPair + " messages over each of " + n * (n - 1) + " directed links", Duration.ofSeconds(120), () -> {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j && rs[j].count(names[i]) < perPair) {
                        return false;
                    }
                }
            }
            return true;
        });
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    assertEquals(oneTo(perPair), rs[j].from(names[i]), names[i] + " -> " + names[j] + ": each once, in order");
                }
            }
        }
        Map<String, Long> seen = new TreeMap<>();
        for (String kind : List.of("dropped", "duplicated", "reordered", "delayed", "corrupted", "cut")) {
            seen.put(kind, Arrays.stream(ns).mapToLong(node -> node.stats().get("faults_" + kind)).sum());
        }
        System.out.printf("MeshDeliveryTest %d nodes x %d: faults %s%n", n, perPair, seen);
        assertTrue(seen.values().stream().allMatch(c -> c > 0), "every kind of fault happened: " + seen);
    }
}
