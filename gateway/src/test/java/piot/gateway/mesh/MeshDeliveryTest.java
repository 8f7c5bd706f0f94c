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
