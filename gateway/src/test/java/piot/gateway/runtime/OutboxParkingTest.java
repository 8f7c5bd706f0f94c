package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HeldMessage;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.mesh.codec.Decoded;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.mesh.codec.EnvelopeCodec;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RoutingTable;
import piot.time.ManualClock;

/**
 * A relay that restarted (after a crash) has no routes yet, while its custody of what it is handed
 * is confirmed upstream at once: such messages must be parked and moved on, in order, once a route
 * appears — never dropped.
 */
class OutboxParkingTest {
    private static final long SEC = 1_000_000_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(0, 1_790_000_000_000L);

    private NodeStore open() {
        return NodeStore.open(dir.resolve("relay"), HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), clock);
    }

    private static Envelope event(long sourceSeq) {
        return new Envelope(UUID.randomUUID(), "event", "n4", "n1", 16, 0, 0, sourceSeq, new byte[] {1, 2, 3});
    }

    /** Takes custody as NodeCore does: the forward is held in the same transaction as the dedupe mark. */
    private static void custody(NodeStore store, Outbox outbox, Envelope e) {
        Outbox.Prepared p = outbox.relay(e).orElseThrow();
        assertTrue(store.linkStore().custody(e.source(), e.sourceSeq(), List.of(p.append())).join().accepted());
    }

    private static List<Long> sourceSeqs(List<HeldMessage> held) {
        List<Long> out = new ArrayList<>();
        for (HeldMessage h : held) {
            if (EnvelopeCodec.decode(h.message()) instanceof Decoded.Ok<Envelope> ok) {
                out.add(ok.value().sourceSeq());
            }
        }
        return out;
    }

    /** Ticks the outbox until {@code peer} holds {@code n} messages (bounded). */
    private static List<HeldMessage> tickUntil(NodeStore store, Outbox outbox, String peer, int n) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            outbox.unpark();
            List<HeldMessage> held = store.linkStore().pendingMessages(peer, 0, 100);
            if (held.size() >= n && outbox.parkedDestinations().isEmpty()) {
                return held;
            }
            Thread.sleep(10);
        }
        return store.linkStore().pendingMessages(peer, 0, 100);
    }

    @Test
    void messagesWithoutARouteAreParkedDurablyAndMovedOnInOrderOnceARouteAppears() throws Exception {
        RoutingTable routes = new RoutingTable("n3", 300 * SEC, 600 * SEC);
        Set<String> up = ConcurrentHashMap.newKeySet();
        try (NodeStore store = open()) {
            SourceSequence seq = new SourceSequence(store.linkStore(), clock);
            Outbox outbox = new Outbox("n3", routes, store.linkStore(), seq, clock, Map.of(), up);
            custody(store, outbox, event(10));
            custody(store, outbox, event(11));
            assertEquals(Set.of("n1"), outbox.parkedDestinations());
            outbox.unpark(); // still no route: nothing moves
            Thread.sleep(50);
            outbox.unpark();
            assertEquals(2, store.linkStore().pendingMessages(Outbox.PARK_PREFIX + "n1", 0, 10).size());
            assertEquals(2, outbox.parkedTotal());
        }
        // The relay restarts again before a route appears: the park survives.
        try (NodeStore store = open()) {
            SourceSequence seq = new SourceSequence(store.linkStore(), clock);
            Outbox outbox = new Outbox("n3", routes, store.linkStore(), seq, clock, Map.of(), up);
            assertEquals(Set.of("n1"), outbox.parkedDestinations());
            routes.linkUp("n2", 0);
            routes.onUpdate("n2", new RouterMessage.RoutingUpdate(Map.of("n1", 1)), 0);
            // A newer message arriving while older ones are parked queues behind them.
            Outbox.Prepared behind = outbox.relay(event(12)).orElseThrow();
            assertEquals(Outbox.PARK_PREFIX + "n1", behind.peer());
            assertTrue(store.linkStore().custody("n4", 12, List.of(behind.append())).join().accepted());

            List<HeldMessage> atNextHop = tickUntil(store, outbox, "n2", 3);
            assertEquals(List.of(10L, 11L, 12L), sourceSeqs(atNextHop), "moved on in source order");
            assertTrue(outbox.parkedDestinations().isEmpty());
            assertTrue(store.linkStore().pendingMessages(Outbox.PARK_PREFIX + "n1", 0, 10).isEmpty());
            for (HeldMessage h : atNextHop) {
                Envelope e = ((Decoded.Ok<Envelope>) EnvelopeCodec.decode(h.message())).value();
                assertEquals(15, e.hopLimit(), "one hop less, as any relay");
            }
            // With the park empty, messages go straight to the next hop again.
            assertEquals("n2", outbox.relay(event(13)).orElseThrow().peer());
        }
    }

    @Test
    void controlMessagesWithoutARouteAreDroppedUnlessTheyMustQueueBehindParkedOnes() {
        RoutingTable routes = new RoutingTable("n3", 300 * SEC, 600 * SEC);
        try (NodeStore store = open()) {
            SourceSequence seq = new SourceSequence(store.linkStore(), clock);
            Outbox outbox = new Outbox("n3", routes, store.linkStore(), seq, clock, Map.of(), ConcurrentHashMap.newKeySet());
            List<Outbox.Prepared> p = outbox.prepare(List.of(
                    new piot.gateway.router.Outgoing("n9", new RouterMessage.RoutingUpdate(Map.of("n3", 0))),
                    new piot.gateway.router.Outgoing("n9", new RouterMessage.EventMessage("air", "t", 1, "C", 0, false,
                            java.util.Optional.empty()))));
            assertEquals(1, p.size());
            assertEquals(Outbox.PARK_PREFIX + "n9", p.getFirst().peer());
            assertEquals(1, outbox.dropped());
            // Once the destination has parked messages, even these queue behind them: a newer
            // source sequence arriving first would make the destination drop the parked ones.
            routes.linkUp("n2", 0);
            routes.onUpdate("n2", new RouterMessage.RoutingUpdate(Map.of("n9", 1)), 0);
            List<Outbox.Prepared> behind = outbox.prepare(List.of(
                    new piot.gateway.router.Outgoing("n9", new RouterMessage.RoutingUpdate(Map.of("n3", 0)))));
            assertEquals(Outbox.PARK_PREFIX + "n9", behind.getFirst().peer());
            assertEquals(1, outbox.dropped());
        }
    }

    @Test
    void aRelayDedupesPerSourceAndDestinationSoAParkedDestinationsOlderMessagesAreNotRefused() {
        try (NodeStore store = open()) {
            Envelope forN2 = new Envelope(UUID.randomUUID(), "event", "n4", "n2", 16, 0, 0, 20, new byte[] {1});
            Envelope forN1 = event(10); // n4 -> n1, older, was parked at the relay behind
            assertEquals("n4>n2", NodeCore.dedupeKey("n3", forN2));
            assertEquals("n4", NodeCore.dedupeKey("n1", forN1), "at its destination: per source");
            assertTrue(store.linkStore().custody(NodeCore.dedupeKey("n3", forN2), 20, List.of()).join().accepted());
            assertTrue(store.linkStore().custody(NodeCore.dedupeKey("n3", forN1), 10, List.of()).join().accepted());
            assertTrue(!store.linkStore().custody(NodeCore.dedupeKey("n3", forN1), 10, List.of()).join().accepted(),
                    "a real duplicate is still refused");
        }
    }

    @Test
    void aPeerThatLostItsLinkStateIsFollowedDownSoItsNewMessagesAreNotTakenForDuplicates() {
        try (NodeStore store = open()) {
            store.linkStore().inboundWatermark("n5", 1055);
            store.linkStore().inboundWatermark("n5", 3); // raising never lowers
            assertEquals(1055, store.linkStore().inboundWatermark("n5"));
            store.linkStore().followInboundWatermark("n5", 0);
            assertEquals(0, store.linkStore().inboundWatermark("n5"));
        }
    }
}
