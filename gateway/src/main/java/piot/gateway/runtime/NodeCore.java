package piot.gateway.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import piot.gateway.fleet.FleetCodec;
import piot.gateway.fleet.FleetMessage;
import piot.gateway.fleet.FleetPort;
import piot.gateway.fleet.Outbound;
import piot.gateway.holding.AppendResult;
import piot.gateway.holding.Custody;
import piot.gateway.holding.SeenSources;
import piot.gateway.holding.SqliteLinkStore;
import piot.gateway.mesh.Delivery;
import piot.gateway.mesh.MessageHandler;
import piot.gateway.mesh.SessionListener;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.router.Inbound;
import piot.gateway.router.Outgoing;
import piot.gateway.router.Parsed;
import piot.gateway.router.Router;
import piot.gateway.router.RouterCodec;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RoutingTable;
import piot.time.Clock;

/**
 * The router thread: the one thread that owns the {@link Router}. Everything else (sampler,
 * mesh sessions, HTTP) hands it work through a queue; {@link #submit} completes once what the work
 * produced is durably held for its next hops, so a producer is acknowledged only then. Inbound
 * mesh messages are routed (for this node) or relayed (for another) and taken into custody in
 * one holding transaction with everything they produced (dedupe mark, watermark, forwards).
 */
public final class NodeCore implements MessageHandler.Batching, SessionListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeCore.class.getName());
    private static final long TICK_NANOS = 200_000_000L;
    private static final long ADVERT_NANOS = 10_000_000_000L;
    private static final long HANDLER_WAIT_SECONDS = 20;

    /** Work for the router: returns what to send. Runs on the router thread. */
    @FunctionalInterface
    public interface Op {
        List<Outgoing> run(Router router, long nowNanos, long nowWallMillis);
    }

    /** Called on the router thread at every tick (watchdogs, snapshots). */
    @FunctionalInterface
    interface Ticker {
        void tick(long nowNanos, long nowWallMillis);
    }

    private final String self;
    private final Clock clock;
    private final SqliteLinkStore store;
    private final RoutingTable routes;
    private final Outbox outbox;
    private final Set<String> sessionsUp;
    private final Map<String, Long> sinceWall = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final SeenSources seen; // router thread only
    private final Thread thread;
    private volatile Router router;
    private volatile Ticker ticker = (n, w) -> {};
    private volatile SessionListener sessionWatcher;
    private volatile FleetPort.Handler fleet;
    private volatile boolean closed;
    private volatile Map<String, RoutingTable.Route> routeView = Map.of();

    NodeCore(String self, Clock clock, SqliteLinkStore store, RoutingTable routes, Outbox outbox, Set<String> sessionsUp) {
        this.self = self;
        this.clock = clock;
        this.store = store;
        this.routes = routes;
        this.outbox = outbox;
        this.sessionsUp = sessionsUp;
        this.seen = store.seenSources();
        this.thread = new Thread(this::loop, "router-" + self);
        thread.setDaemon(true);
    }

    void start(Router r, Ticker t, SessionListener watcher) {
        this.router = r;
        this.ticker = t;
        this.sessionWatcher = watcher;
        thread.start();
    }

    /** Queues {@code op}; completes once its messages are durably held (or fails). */
    public CompletableFuture<Void> submit(Op op) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!enqueue(() -> {
            List<Outgoing> out;
            try {
                out = op.run(router, clock.nanoTime(), clock.wallMillis());
            } catch (RuntimeException e) {
                // The caller waits on the future: fail it rather than leave it waiting for a timeout.
                done.completeExceptionally(e);
                throw e;
            }
            outbox.send(out).whenComplete((v, e) -> complete(done, e));
        })) {
            done.completeExceptionally(new IllegalStateException(self + " is shutting down"));
        }
        return done;
    }

    /** Runs {@code r} on the router thread (no messages); false when closed. */
    boolean enqueue(Runnable r) {
        if (closed) {
            return false;
        }
        tasks.add(r);
        return true;
    }

    private static void complete(CompletableFuture<Void> f, Throwable e) {
        if (e == null) {
            f.complete(null);
        } else {
            f.completeExceptionally(e);
        }
    }

    @Override
    public void onMessage(Delivery d) throws Exception {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        if (!enqueue(() -> inbound(d, accepted))) {
            throw new IllegalStateException(self + " is shutting down");
        }
        awaitCustody(accepted);
    }

    /** A run from one peer: routed one by one, taken into custody in one holding transaction. */
    @Override
    public void onMessages(List<Delivery> run) throws Exception {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        if (!enqueue(() -> inboundRun(run, accepted))) {
            throw new IllegalStateException(self + " is shutting down");
        }
        awaitCustody(accepted);
    }

    private static void awaitCustody(CompletableFuture<Void> accepted) throws Exception {
        try {
            accepted.get(HANDLER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("router did not take custody within " + HANDLER_WAIT_SECONDS + " s", e);
        }
    }

    private void inbound(Delivery d, CompletableFuture<Void> accepted) {
        Envelope e = d.envelope();
        Routed routed = route(d);
        List<Outbox.Prepared> forwards = routed.forwards();
        store.custody(d.peer(), d.linkSeq(), dedupeKey(self, e), e.sourceSeq(), forwards.stream().map(Outbox.Prepared::append).toList())
                .whenComplete((c, err) -> {
                    if (err == null) {
                        ledger(d, c);
                        poke(forwards, c);
                    } else if (routed.fresh()) {
                        forget(d);
                    }
                    complete(accepted, err);
                });
    }

    private void inboundRun(List<Delivery> run, CompletableFuture<Void> accepted) {
        List<List<Outbox.Prepared>> forwards = new ArrayList<>(run.size());
        List<SqliteLinkStore.Item> items = new ArrayList<>(run.size());
        List<Delivery> fresh = new ArrayList<>(run.size());
        for (Delivery d : run) {
            Routed routed = route(d);
            List<Outbox.Prepared> f = routed.forwards();
            if (routed.fresh()) {
                fresh.add(d);
            }
            forwards.add(f);
            items.add(new SqliteLinkStore.Item(d.linkSeq(), dedupeKey(self, d.envelope()), d.envelope().sourceSeq(),
                    f.stream().map(Outbox.Prepared::append).toList()));
        }
        store.custodyRun(run.getFirst().peer(), items).whenComplete((cs, err) -> {
            if (err == null) {
                for (int i = 0; i < cs.size(); i++) {
                    ledger(run.get(i), cs.get(i));
                    poke(forwards.get(i), cs.get(i));
                }
            } else {
                // The whole run is refused (all or nothing) and will be offered again.
                fresh.forEach(this::forget);
            }
            complete(accepted, err);
        });
    }

    /** Records a message taken for this node in the delivery ledger (chaos runs; off by default). */
    private void ledger(Delivery d, Custody c) {
        if (c.accepted() && d.envelope().destination().equals(self)) {
            DeliveryLedger.get().inbound(d.envelope(), d.peer());
        }
    }

    private void poke(List<Outbox.Prepared> forwards, Custody c) {
        for (int i = 0; i < c.forwards().size(); i++) {
            if (c.forwards().get(i) instanceof AppendResult.Held) {
                outbox.poke(forwards.get(i).peer());
            }
        }
    }

    /** What routing one inbound message produced, and whether it was new from its source. */
    private record Routed(List<Outbox.Prepared> forwards, boolean fresh) {
    }

    /** Not durable, so not confirmed to the peer: its resend must be taken, not refused as a duplicate. */
    private void forget(Delivery d) {
        Envelope e = d.envelope();
        enqueue(() -> seen.forget(dedupeKey(self, e), e.sourceSeq()));
    }

    /** Routes (for this node) or relays (for another) one inbound message; returns what it produced. */
    private Routed route(Delivery d) {
        Envelope e = d.envelope();
        messagesIn.incrementAndGet();
        List<Outbox.Prepared> forwards;
        // Checked before routing: a replay (another path, a relay's reboot) must not reach the application twice.
        boolean fresh = seen.accept(dedupeKey(self, e), e.sourceSeq());
        if (!fresh) {
            duplicates.incrementAndGet();
            LOG.log(Level.DEBUG, "duplicate {0} {1} from {2} via {3}; not routed again", e.type(), e.sourceSeq(), e.source(), d.peer());
            forwards = List.of();
        } else if (e.destination().equals(self) && FleetCodec.TYPES.contains(e.type())) {
            forwards = outbox.prepareFleet(onFleet(d, e));
        } else if (e.destination().equals(self)) {
            switch (RouterCodec.decode(e.type(), e.body())) {
                case Parsed.Malformed<RouterMessage> bad -> {
                    malformed.incrementAndGet();
                    LOG.log(Level.WARNING, "malformed {0} from {1} via {2}: {3}; dropped", e.type(), e.source(), d.peer(), bad.reason());
                    forwards = List.of();
                }
                case Parsed.Ok<RouterMessage> ok -> forwards = outbox.prepare(
                        router.onInbound(new Inbound(d.peer(), e.source(), ok.value()), clock.nanoTime(), clock.wallMillis()));
            }
        } else {
            forwards = outbox.relay(e).map(List::of).orElse(List.of());
        }
        return new Routed(forwards, fresh);
    }

    /** Sets who handles fleet envelopes (file transfers); before the mesh starts. */
    void fleet(FleetPort.Handler h) {
        this.fleet = h;
    }

    /** Holds fleet messages for their next hops, on the router thread. */
    void sendFleet(List<Outbound> out) {
        enqueue(() -> outbox.hold(outbox.prepareFleet(out)));
    }

    private List<Outbound> onFleet(Delivery d, Envelope e) {
        FleetPort.Handler h = fleet;
        switch (FleetCodec.decode(e.type(), e.body())) {
            case Parsed.Malformed<FleetMessage> bad -> {
                malformed.incrementAndGet();
                LOG.log(Level.WARNING, "malformed {0} from {1} via {2}: {3}; dropped", e.type(), e.source(), d.peer(), bad.reason());
                return List.of();
            }
            case Parsed.Ok<FleetMessage> ok -> {
                if (h == null) {
                    LOG.log(Level.WARNING, "{0} from {1}: this node takes no fleet transfers; dropped", e.type(), e.source());
                    return List.of();
                }
                return h.onFleet(e.source(), ok.value());
            }
        }
    }

    /**
     * Under which key custody dedupes {@code e} (a mark and a window of sequences per key): its source when
     * it is for this node; source and destination when relayed. A relay sees a source's messages
     * for different destinations in different orders (one destination's may be parked while
     * another's pass), so one mark per source would refuse the older ones as duplicates and lose
     * them; per destination the order along the one path is kept.
     */
    static String dedupeKey(String self, Envelope e) {
        return e.destination().equals(self) ? e.source() : e.source() + ">" + e.destination();
    }

    @Override
    public void onSessionUp(String peer) {
        sessionsUp.add(peer);
        outbox.neighbour(peer);
        sinceWall.put(peer, clock.wallMillis());
        submit((r, n, w) -> r.onLinkUp(peer, n));
        SessionListener w = sessionWatcher;
        if (w != null) {
            w.onSessionUp(peer);
        }
    }

    @Override
    public void onSessionDown(String peer, String reason) {
        sessionsUp.remove(peer);
        sinceWall.put(peer, clock.wallMillis());
        submit((r, n, w) -> r.onLinkDown(peer, n));
        SessionListener w = sessionWatcher;
        if (w != null) {
            w.onSessionDown(peer, reason);
        }
    }

    private void loop() {
        long nextTick = clock.nanoTime();
        long nextAdvert = nextTick + ADVERT_NANOS;
        while (!closed || !tasks.isEmpty()) {
            try {
                long wait = Math.max(0, nextTick - clock.nanoTime());
                Runnable r = tasks.poll(wait, TimeUnit.NANOSECONDS);
                if (r != null) {
                    r.run();
                }
                long now = clock.nanoTime();
                if (now - nextTick >= 0 && !closed) {
                    nextTick = now + TICK_NANOS;
                    long wall = clock.wallMillis();
                    outbox.send(router.tick(now, wall));
                    outbox.unpark();
                    if (now - nextAdvert >= 0) {
                        nextAdvert = now + ADVERT_NANOS;
                        outbox.send(router.routingAdvertisements());
                    }
                    routeView = Map.copyOf(routes.snapshot());
                    ticker.tick(now, wall);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "router task failed", e);
            }
        }
    }

    /** The routing table as of the last tick (safe from any thread). */
    Map<String, RoutingTable.Route> routes() {
        return routeView;
    }

    /** When each peer's session last went up or down (wall ms). */
    Map<String, Long> sinceWall() {
        return sinceWall;
    }

    Set<String> sessionsUp() {
        return sessionsUp;
    }

    long malformed() {
        return malformed.get();
    }

    long messagesIn() {
        return messagesIn.get();
    }

    /** Messages refused as end-to-end duplicates (already seen from their source). */
    long duplicates() {
        return duplicates.get();
    }

    /** Runs what is queued, then stops the thread (bounded wait). */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
