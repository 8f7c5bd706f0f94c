package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import piot.gateway.holding.HoldingException;
import piot.time.Clock;

/**
 * A store fault inside a session (the receiver's holding cannot read its watermark while taking
 * custody) ends that session cleanly: the peer is told, the session leaves the map, it is dialled
 * again, and what was not confirmed arrives once, in order.
 */
class MeshLocalFailureTest {
    final TestNetwork net = new TestNetwork("home");
    final List<MeshNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(MeshNode::close);
    }

    /** An in-memory store whose inbound watermark read fails {@code failures} times once armed. */
    static final class FailingStore implements LinkStore {
        final InMemoryLinkStore inner = new InMemoryLinkStore();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public CompletableFuture<Long> append(String peer, byte[] message) {
            return inner.append(peer, message);
        }

        @Override
        public List<Held> pending(String peer, long afterSeq, int max) {
            return inner.pending(peer, afterSeq, max);
        }

        @Override
        public void confirm(String peer, long seq) {
            inner.confirm(peer, seq);
        }

        @Override
        public long lastAssigned(String peer) {
            return inner.lastAssigned(peer);
        }

        @Override
        public long inboundWatermark(String peer) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new HoldingException(HoldingException.Fault.OTHER, "simulated: disk I/O error reading the watermark", null);
            }
            return inner.inboundWatermark(peer);
        }

        @Override
        public void inboundWatermark(String peer, long seq) {
            inner.inboundWatermark(peer, seq);
        }

        @Override
        public void followInboundWatermark(String peer, long seq) {
            inner.followInboundWatermark(peer, seq);
        }

        @Override
        public void reset(String peer) {
            inner.reset(peer);
        }
    }

    @Test
    void aStoreFaultEndsTheSessionWhichComesBackAndLosesNothing() throws Exception {
        FailingStore bravoStore = new FailingStore();
        var atBravo = new TestNetwork.Recorder();
        MeshNode bravo = MeshNode.start(net.settings("bravo"), bravoStore, Clock.system(), atBravo);
        nodes.add(bravo);
        MeshNode alpha = MeshNode.start(net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(bravo))), new InMemoryLinkStore(),
                Clock.system(), d -> { });
        nodes.add(alpha);
        List<String> downs = new CopyOnWriteArrayList<>();
        bravo.addListener(new SessionListener() {
            @Override
            public void onSessionUp(String peer) {}

            @Override
            public void onSessionDown(String peer, String reason) {
                downs.add(reason);
            }
        });
        await("session up", Duration.ofSeconds(10), () -> bravo.sessions().size() == 1);

        bravoStore.failures.set(3); // the next three custody attempts fail, each ending a session
        for (long i = 1; i <= 40; i++) {
            alpha.send("bravo", TestNetwork.message("alpha", "bravo", i));
        }
        await("all 40 at bravo", Duration.ofSeconds(30), () -> atBravo.count("alpha") == 40);
        assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(), atBravo.from("alpha"), "once each, in order");
        assertTrue(downs.stream().anyMatch(r -> r.contains("local failure: simulated: disk I/O error")), downs.toString());
        await("holding drained", Duration.ofSeconds(10), () -> alpha.peers().get(0).holdingDepth() == 0);
        await("one session again", Duration.ofSeconds(10), () -> bravo.sessions().size() == 1 && alpha.sessions().size() == 1);
    }
}
