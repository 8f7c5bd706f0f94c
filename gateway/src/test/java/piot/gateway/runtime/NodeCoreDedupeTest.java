package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.mesh.Delivery;
import piot.gateway.mesh.SessionListener;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.router.ActionGate;
import piot.gateway.router.ActionTracker;
import piot.gateway.router.Authorizer;
import piot.gateway.router.Directory;
import piot.gateway.router.InMemoryExecutedActions;
import piot.gateway.router.Interests;
import piot.gateway.router.MiddlewareChain;
import piot.gateway.router.PendingCalls;
import piot.gateway.router.RateLimiter;
import piot.gateway.router.Router;
import piot.gateway.router.RouterCodec;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RoutingTable;
import piot.gateway.router.RpcDispatcher;
import piot.gateway.router.SubscriptionTable;
import piot.gateway.router.TopicPattern;
import piot.time.Clock;

/**
 * The router thread with its real store: a message from a source reaches the application once,
 * whichever neighbour brings it and even after this node restarts; a message overtaken by later
 * ones (another path) is still taken, once.
 */
class NodeCoreDedupeTest {
    private static final long SEC = 1_000_000_000L;

    @TempDir
    Path dir;
    private final List<Long> seen = new CopyOnWriteArrayList<>();

    /** One run of the node "barn-1": store, router thread and a sink recording the readings' values. */
    private final class Run implements AutoCloseable {
        final NodeStore store = NodeStore.open(dir, HoldingConfig.defaults(), Clock.system());
        final NodeCore core;

        /** With the gateway's middleware: its rate limiter (50/s, burst 2000), then authorization. */
        Run() {
            RoutingTable routes = new RoutingTable("barn-1", 30 * SEC, 60 * SEC);
            var up = ConcurrentHashMap.<String>newKeySet();
            Outbox outbox = new Outbox("barn-1", routes, store.linkStore(), new SourceSequence(store.linkStore(), Clock.system()),
                    Clock.system(), Map.of(), up);
            core = new NodeCore("barn-1", Clock.system(), store.linkStore(), routes, outbox, up);
            Directory directory = new Directory();
            Router.Parts parts = new Router.Parts(new MiddlewareChain(List.of(new RateLimiter("barn-1", 50, 2000), new Authorizer("barn-1", Map.of(), Optional.empty()))),
                    routes, new SubscriptionTable(), new Interests("barn-1"), directory, new ActionGate(new InMemoryExecutedActions()),
                    new ActionTracker(5 * SEC, 600 * SEC), new RpcDispatcher("barn-1", directory, List::of), new PendingCalls());
            Router router = new Router("barn-1", parts, r -> {}, new Router.LocalSink() {
                public void onEvent(String node, RouterMessage.EventMessage e) {
                    seen.add((long) e.value());
                }

                public void onActionStatus(RouterMessage.ActionStatus s) {}

                public void onRpcAnswer(PendingCalls.Answer a) {}
            }, 10 * SEC);
            core.start(router, (n, w) -> {}, new SessionListener() {
                public void onSessionUp(String peer) {}

                public void onSessionDown(String peer, String reason) {}
            });
            core.submit((r, n, w) -> r.subscribe(TopicPattern.ALL)).join();
        }

        /** A reading {@code value} from greenhouse-1 with source sequence {@code seq}, brought by {@code peer}. */
        void deliver(String peer, long linkSeq, long seq, double value) throws Exception {
            var e = new RouterMessage.EventMessage("air", "temperature", value, "°C", 1_790_000_000_000L + seq, false, Optional.empty());
            core.onMessage(new Delivery(peer, linkSeq, new Envelope(UUID.randomUUID(), e.type(), "greenhouse-1", "barn-1", 8,
                    0, 0, seq, RouterCodec.encode(e))));
        }

        @Override
        public void close() {
            core.close();
            store.close();
        }
    }

    @Test
    void aReplayReachesTheApplicationOnceAcrossNeighboursAndARestartWhileAnOvertakenMessageIsStillTaken() throws Exception {
        try (Run run = new Run()) {
            run.deliver("greenhouse-1", 1, 10, 10);
            run.deliver("shed-1", 1, 10, 10); // the same message by another path
            run.deliver("greenhouse-1", 2, 12, 12);
            run.deliver("shed-1", 2, 11, 11); // overtaken on the other path: late, but new
            assertEquals(1, run.core.duplicates());
        }
        try (Run run = new Run()) {
            run.deliver("shed-1", 3, 11, 11); // a relay replays after its own reboot
            run.deliver("greenhouse-1", 3, 10, 10);
            run.deliver("greenhouse-1", 4, 13, 13);
            assertEquals(2, run.core.duplicates());
        }
        piot.gateway.runtime.TestMesh.await("the readings", Duration.ofSeconds(5), () -> seen.size() >= 4);
        assertEquals(List.of(10L, 12L, 11L, 13L), seen);
    }

    /** What the core drops on arrival is on /metrics: piot_router_dropped_total{reason}. */
    @Test
    void duplicatesAndMalformedBodiesAreCountedInTheMetrics() throws Exception {
        try (Run run = new Run()) {
            GatewayStatus status = new GatewayStatus("barn-1", "home", "test", Clock.system(), new Directory(), run.store);
            status.attach(run.core, null);
            run.deliver("greenhouse-1", 1, 10, 10);
            run.deliver("shed-1", 1, 10, 10);
            run.deliver("shed-1", 2, 10, 10);
            run.core.onMessage(new Delivery("greenhouse-1", 2, new Envelope(UUID.randomUUID(), "event", "greenhouse-1", "barn-1", 8,
                    0, 0, 11, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            TestMesh.await("the core's counts", Duration.ofSeconds(5), () -> run.core.duplicates() == 2 && run.core.malformed() == 1);
            status.refreshGauges();
            status.refreshGauges(); // counts are added once, not again on every refresh
            String text = status.metrics().render();
            assertTrue(text.contains("piot_router_dropped_total{reason=\"duplicate\"} 2"), text);
            assertTrue(text.contains("piot_router_dropped_total{reason=\"malformed\"} 1"), text);
        }
    }

    /**
     * A backlog far past the rate limiter's burst (what a long outage releases at once) reaches the
     * application whole: events are in custody when they reach the router and are never limited.
     * With events limited (before 2026-12-07), the ones past the burst, about 1,000 of these 3,000, were dropped.
     */
    @Test
    void aBacklogPastTheRateLimitersBurstIsDeliveredWhole() throws Exception {
        try (Run run = new Run()) {
            for (int i = 1; i <= 3000; i++) {
                run.deliver("greenhouse-1", i, i, i);
            }
            TestMesh.await("3000 readings", Duration.ofSeconds(30), () -> seen.size() >= 3000);
            assertEquals(3000, seen.size());
            assertEquals(0, run.core.duplicates());
        }
    }
}
