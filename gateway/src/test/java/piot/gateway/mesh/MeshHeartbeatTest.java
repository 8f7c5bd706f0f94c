package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.mesh.TestNetwork.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import piot.time.Clock;
import piot.time.ManualClock;

class MeshHeartbeatTest {
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

    static class Events implements SessionListener {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onReceived(String peer, piot.gateway.mesh.codec.MeshMessage message) {
            received.incrementAndGet();
        }

        @Override
        public void onSessionUp(String peer) {
            seen.add("up " + peer);
        }

        @Override
        public void onSessionDown(String peer, String reason) {
            seen.add("down " + peer + " " + reason);
        }
    }

    @Test
    void aSilentPeerIsDeclaredDownWithinTheHeartbeatWindowAndComesBack() throws Exception {
        var atBravo = new TestNetwork.Recorder();
        MeshNode bravo = start(net.settings("bravo"), new InMemoryLinkStore(), atBravo);
        MeshNode alpha = start(net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(bravo))), new InMemoryLinkStore(), d -> { });
        Events events = new Events();
        alpha.addListener(events);
        await("session up", Duration.ofSeconds(10), () -> alpha.sessions().size() == 1);

        bravo.blackhole(true);
        long silentSince = System.nanoTime();
        await("alpha to notice bravo is silent", Duration.ofSeconds(5), () -> alpha.sessions().isEmpty());
        long noticedMillis = (System.nanoTime() - silentSince) / 1_000_000;
        // 100 ms heartbeat × 5 misses = 500 ms; allow scheduling slack on a loaded 2-core machine.
        assertTrue(noticedMillis < 2_000, "noticed after " + noticedMillis + " ms");
        // Listeners hear of it just after the session leaves the map.
        await("the down event", Duration.ofSeconds(5), () -> events.seen.stream().anyMatch(e -> e.startsWith("down bravo HEARTBEAT_TIMEOUT")));

        for (long i = 1; i <= 50; i++) {
            alpha.send("bravo", TestNetwork.message("alpha", "bravo", i));
        }
        assertEquals(50, alpha.peers().get(0).holdingDepth(), "traffic stays in holding while bravo is down");
        bravo.blackhole(false);
        await("session back and holding delivered", Duration.ofSeconds(10), () -> atBravo.count("alpha") == 50);
        assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), atBravo.from("alpha"));
        await("holding drained", Duration.ofSeconds(5), () -> alpha.peers().get(0).holdingDepth() == 0);
    }

    /**
     * The rule exactly at its boundary, on alpha's manual clock: with bravo silent (blackholed), alpha
     * keeps the session while the clock stands 1 ns short of 5 × 100 ms after the last frame heard,
     * and closes it once the clock reaches exactly that.
     */
    @Test
    void aPeerIsDownExactlyAfterTheConfiguredNumberOfSilentIntervals() throws Exception {
        ManualClock clock = new ManualClock(1_000_000_000L, 1_700_000_000_000L);
        // bravo runs on real time and, blackholed, hears nothing either: a 60 s window keeps it from
        // closing the connection itself while alpha's clock stands still.
        MeshNode bravo = start(net.settings("bravo").withHeartbeat(Duration.ofMillis(100), 600), new InMemoryLinkStore(), d -> { });
        MeshSettings s = net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(bravo)));
        MeshNode alpha = MeshNode.start(s, new InMemoryLinkStore(), clock, d -> { });
        nodes.add(alpha);
        Events events = new Events();
        alpha.addListener(events);
        await("session up", Duration.ofSeconds(10), () -> alpha.sessions().size() == 1);
        bravo.blackhole(true);
        // Frames already in flight are taken in at the frozen clock time; the clock may only move once
        // alpha has heard nothing for a while, else a late frame restarts the window after the move
        // (on a loaded machine that took more than the 300 ms once slept here).
        long heard = -1;
        for (int i = 0; i < 100 && heard != events.received.get(); i++) {
            heard = events.received.get();
            Thread.sleep(500);
        }
        assertEquals(heard, events.received.get(), "alpha still hears bravo 50 s after it was blackholed");
        long window = s.heartbeat().toNanos() * s.heartbeatMisses();

        clock.advanceNanos(window - 1);
        Thread.sleep(600); // several turns of alpha's session loop (it wakes at least every 150 ms)
        assertEquals(heard, events.received.get(), "a frame arrived after the clock moved");
        assertEquals(1, alpha.sessions().size(), "1 ns short of the window the peer is still up: " + events.seen);

        clock.advanceNanos(1);
        await("alpha to close the silent session", Duration.ofSeconds(5), () -> alpha.sessions().isEmpty());
        await("alpha's own heartbeat verdict", Duration.ofSeconds(5),
                () -> events.seen.stream().anyMatch(e -> e.startsWith("down bravo HEARTBEAT_TIMEOUT: no frame from bravo")));
    }

    @Test
    void aKilledNodeRestartedOnItsStoreGetsExactlyWhatItMissed() throws Exception {
        InMemoryLinkStore bravoStore = new InMemoryLinkStore();
        var first = new TestNetwork.Recorder();
        MeshNode bravo = start(net.settings("bravo"), bravoStore, first);
        int port = bravo.port();
        MeshNode alpha = start(net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(bravo))), new InMemoryLinkStore(), d -> { });
        for (long i = 1; i <= 100; i++) {
            alpha.send("bravo", TestNetwork.message("alpha", "bravo", i));
        }
        await("first 100", Duration.ofSeconds(10), () -> first.count("alpha") == 100);

        bravo.kill();
        await("alpha notices", Duration.ofSeconds(5), () -> alpha.sessions().isEmpty());
        for (long i = 101; i <= 200; i++) {
            alpha.send("bravo", TestNetwork.message("alpha", "bravo", i));
        }
        var second = new TestNetwork.Recorder();
        MeshSettings again = net.settings("bravo").withListen("127.0.0.1", port);
        start(again, bravoStore, second);
        await("the rest after restart", Duration.ofSeconds(15), () -> second.count("alpha") == 100);
        assertEquals(LongStream.rangeClosed(1, 100).boxed().toList(), first.from("alpha"));
        assertEquals(LongStream.rangeClosed(101, 200).boxed().toList(), second.from("alpha"));
    }

    @Test
    void cleanSlateLinkDiscardsHeldMessagesAndCountsThem() throws Exception {
        var atBravo = new TestNetwork.Recorder();
        MeshNode bravo = start(net.settings("bravo"), new InMemoryLinkStore(), atBravo);
        int port = bravo.port();
        bravo.close();
        Link link = new Link("bravo", "127.0.0.1", port, false, Link.Source.CONFIG);
        InMemoryLinkStore alphaStore = new InMemoryLinkStore();
        MeshNode alpha = start(net.settings("alpha").withLinks(List.of(link)), alphaStore, d -> { });
        for (long i = 1; i <= 10; i++) {
            alpha.send("bravo", TestNetwork.message("alpha", "bravo", i)).join();
        }
        start(net.settings("bravo").withListen("127.0.0.1", port), new InMemoryLinkStore(), atBravo);
        await("session up and the 10 held messages discarded", Duration.ofSeconds(10),
                () -> alpha.sessions().size() == 1 && alpha.stats().get("reset_discarded") == 10);
        assertEquals(0, alphaStore.depth("bravo"));
        alpha.send("bravo", TestNetwork.message("alpha", "bravo", 11));
        await("the new message", Duration.ofSeconds(5), () -> atBravo.count("alpha") == 1);
        assertEquals(List.of(11L), atBravo.from("alpha"));
    }

    @Test
    void bothDiallingAtOnceEndsWithOneSessionDialledByTheSmallerName() throws Exception {
        var atAlpha = new TestNetwork.Recorder();
        var atBravo = new TestNetwork.Recorder();
        MeshNode bravo = start(net.settings("bravo"), new InMemoryLinkStore(), atBravo);
        // bravo is told about alpha through a link added after alpha exists, so both dial.
        MeshNode alpha = start(net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(bravo))), new InMemoryLinkStore(), atAlpha);
        bravo.links().learn(new Link("alpha", "127.0.0.1", alpha.port(), true, Link.Source.DISCOVERY));
        for (long i = 1; i <= 300; i++) {
            alpha.send("bravo", TestNetwork.message("alpha", "bravo", i));
            bravo.send("alpha", TestNetwork.message("bravo", "alpha", i));
        }
        await("all delivered", Duration.ofSeconds(15), () -> atAlpha.count("bravo") == 300 && atBravo.count("alpha") == 300);
        await("one session each side", Duration.ofSeconds(5), () -> alpha.sessions().size() == 1 && bravo.sessions().size() == 1
                && "alpha".equals(alpha.dialerOf("bravo")) && "alpha".equals(bravo.dialerOf("alpha")));
        assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), atAlpha.from("bravo"));
        assertEquals(LongStream.rangeClosed(1, 300).boxed().toList(), atBravo.from("alpha"));
    }

    @Test
    void aGapLeftByHoldingOnPurposeDoesNotStallTheLink() throws Exception {
        var atBravo = new TestNetwork.Recorder();
        MeshNode bravo = start(net.settings("bravo"), new InMemoryLinkStore(), atBravo);
        int port = bravo.port();
        bravo.close();
        InMemoryLinkStore alphaStore = new InMemoryLinkStore();
        MeshNode alpha = start(net.settings("alpha").withLinks(List.of(new Link("bravo", "127.0.0.1", port, true, Link.Source.CONFIG))),
                alphaStore, d -> { });
        for (long i = 1; i <= 10; i++) {
            alpha.send("bravo", TestNetwork.message("alpha", "bravo", i)).join();
        }
        alphaStore.drop("bravo", 1);
        alphaStore.drop("bravo", 5);
        start(net.settings("bravo").withListen("127.0.0.1", port), new InMemoryLinkStore(), atBravo);
        await("the 8 kept messages", Duration.ofSeconds(10), () -> atBravo.count("alpha") == 8);
        assertEquals(List.of(2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L), atBravo.from("alpha"));
    }
}
