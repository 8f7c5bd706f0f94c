package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    @Test
    void threeNodesDeliverEveryMessageOnceInOrderDespiteSeededFaults() throws Exception {
        FaultPlan faults = new FaultPlan(42, 0.02, 0.02, 0.02, 0.002, 0.001);
        String[] names = {"alpha", "bravo", "charlie"};
        MeshNode[] ns = new MeshNode[3];
        TestNetwork.Recorder[] rs = new TestNetwork.Recorder[3];
        for (int i = 0; i < 3; i++) {
            rs[i] = new TestNetwork.Recorder();
            List<Link> links = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                links.add(TestNetwork.linkTo(ns[j]));
            }
            ns[i] = start(net.settings(names[i]).withLinks(links).withFaults(new FaultPlan(faults.seed() + i,
                    faults.drop(), faults.duplicate(), faults.reorder(), faults.corrupt(), faults.cut())), new InMemoryLinkStore(), rs[i]);
        }
        int perPair = 2_000;
        for (long k = 1; k <= perPair; k++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (i != j) {
                        ns[i].send(names[j], TestNetwork.message(names[i], names[j], k));
                    }
                }
            }
        }
        await("2,000 messages over each of 6 directed links", Duration.ofSeconds(90), () -> {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (i != j && rs[j].count(names[i]) < perPair) {
                        return false;
                    }
                }
            }
            return true;
        });
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    assertEquals(oneTo(perPair), rs[j].from(names[i]), names[i] + " -> " + names[j]);
                }
            }
        }
        long dropped = 0, corrupted = 0, duplicated = 0, cuts = 0;
        for (MeshNode n : ns) {
            dropped += n.stats().get("faults_dropped");
            corrupted += n.stats().get("faults_corrupted");
            duplicated += n.stats().get("faults_duplicated");
            cuts += n.stats().get("faults_cut");
        }
        System.out.printf("faults: dropped=%d corrupted=%d duplicated=%d cut=%d%n", dropped, corrupted, duplicated, cuts);
        assertTrue(dropped > 0 && corrupted > 0 && duplicated > 0 && cuts > 0, "every kind of fault happened");
    }
}
