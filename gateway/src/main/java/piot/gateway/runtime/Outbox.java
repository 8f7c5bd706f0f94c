package piot.gateway.runtime;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import piot.gateway.config.SensorConfig;
import piot.gateway.holding.Append;
import piot.gateway.holding.AppendResult;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.MessageKind;
import piot.gateway.holding.SqliteLinkStore;
import piot.gateway.mesh.MeshNode;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.router.Outgoing;
import piot.gateway.router.RouterCodec;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RoutingTable;
import piot.time.Clock;

/**
 * Turns the router's {@link Outgoing} messages into envelopes held for their next hop.
 *
 * <p>Next hop: the routing table's ({@code nextHop}, which is the destination itself for a
 * neighbour with a session); without a route, the destination itself when it is a known link;
 * else the last next hop that was known for it; else the only neighbour when there is exactly one
 * (configured links and every peer that has had a session since start).
 * Otherwise (and always for relays, which never guess) the message is <em>parked</em>: held durably
 * under the pseudo-peer {@code !parked>DESTINATION} and moved on to the next hop, in order, in one
 * holding transaction, by {@link #unpark} once a route to the destination appears (a relay that
 * restarted after a crash has no routes yet, but its custody of the message was already confirmed
 * upstream, so dropping it would lose it). While a destination has parked messages, newer messages
 * for it are parked behind them, so the destination never sees a newer source sequence before an
 * older one (its dedupe would drop the older). Routing updates and thing lists are not parked
 * (they are sent again anyway); they are dropped and counted. Hold policy: events as their sensor's {@code hold} (all / latest
 * per destination+thing+key / none = only while the next hop's session is up), actions as
 * actions, routing and thing lists conflated to the newest, everything else held in full.
 * Used by the router thread only.
 */
final class Outbox {
    static final int HOP_LIMIT = 16;
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** One append for one next hop (or a parking pseudo-peer), and the envelope it carries. */
    record Prepared(String peer, Append append, Envelope envelope) {}

    /** Prefix of the pseudo-peers under which messages without a route are parked. */
    static final String PARK_PREFIX = "!parked>";
    private static final int UNPARK_BATCH = 256;

    private static final int UNPARK_ROUNDS = 16;

    private final String self;
    private final RoutingTable routes;
    private final SqliteLinkStore store;
    private final SourceSequence seq;
    private final Clock clock;
    private final Map<String, SensorConfig.Hold> holds;
    private final Set<String> sessionsUp;
    private final Map<String, String> lastHop = new HashMap<>();
    private final Set<String> everUp = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong parkedTotal = new AtomicLong();
    /** Destinations with parked messages (router thread only). */
    private final Set<String> parked = new java.util.HashSet<>();
    private volatile MeshNode mesh;

    Outbox(String self, RoutingTable routes, SqliteLinkStore store, SourceSequence seq, Clock clock,
           Map<String, SensorConfig.Hold> holds, Set<String> sessionsUp) {
        this.self = self;
        this.routes = routes;
        this.store = store;
        this.seq = seq;
        this.clock = clock;
        this.holds = Map.copyOf(holds);
        this.sessionsUp = sessionsUp;
        for (String peer : store.peersHolding(PARK_PREFIX)) {
            parked.add(peer.substring(PARK_PREFIX.length()));
        }
    }

    void attach(MeshNode m) {
        this.mesh = m;
    }

    /** Messages dropped for want of a next hop, hop limit or hold: none without a session. */
    long dropped() {
        return dropped.get();
    }

    /** Messages parked for want of a route since start. */
    long parkedTotal() {
        return parkedTotal.get();
    }

    /** Destinations that have parked messages now (router thread). */
    Set<String> parkedDestinations() {
        return Set.copyOf(parked);
    }

    /** Prepares and holds {@code out}; completes once every append is durable. */
    CompletableFuture<Void> send(List<Outgoing> out) {
        return hold(prepare(out));
    }

    /** Appends prepared messages (in order) and wakes their sessions once durable. */
    CompletableFuture<Void> hold(List<Prepared> prepared) {
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (Prepared p : prepared) {
            futures.add(store.append(p.append()).thenAccept(r -> {
                if (r instanceof AppendResult.Dropped d) {
                    throw new IllegalStateException("holding for " + p.peer() + " is full (" + d.reason() + ")");
                }
                poke(p.peer());
                if (p.append().hold() == HoldPolicy.ALL && "event".equals(p.envelope().type())) {
                    DeliveryLedger.get().produced(p.envelope());
                }
            }));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    /** A session to {@code peer} came up: it is a neighbour from now on. */
    void neighbour(String peer) {
        everUp.add(peer);
    }

    void poke(String peer) {
        MeshNode m = mesh;
        if (m != null) {
            m.poke(peer);
        }
    }

    List<Prepared> prepare(List<Outgoing> out) {
        List<Prepared> prepared = new ArrayList<>();
        long now = clock.wallMillis();
        for (Outgoing o : out) {
            RouterMessage m = o.message();
            boolean conflated = m instanceof RouterMessage.RoutingUpdate || m instanceof RouterMessage.ThingDescriptionsMessage;
            // Everything for a parked destination queues behind what is parked (any message of
            // ours overtaking them would make the destination's dedupe drop them).
            boolean behindParked = parked.contains(o.destination());
            Optional<String> hop = behindParked ? Optional.empty() : hopFor(o.destination());
            if (hop.isEmpty() && conflated && !behindParked) {
                dropped.incrementAndGet();
                LOG.log(Level.WARNING, "no route to {0}: {1} dropped", o.destination(), m.type());
                continue;
            }
            long expiry = m instanceof RouterMessage.ActionRequest a ? a.expiryWallMillis() : 0;
            Envelope e = new Envelope(UUID.randomUUID(), m.type(), self, o.destination(), HOP_LIMIT, now, expiry, seq.next(),
                    RouterCodec.encode(m));
            byte[] bytes = piot.gateway.mesh.codec.EnvelopeCodec.encode(e);
            appendFor(hop.orElseGet(() -> park(o.destination())), o.destination(), m, e, bytes).ifPresent(prepared::add);
        }
        return prepared;
    }

    /** Fleet messages (file chunks and statuses), held in full for their next hop (or parked). */
    List<Prepared> prepareFleet(List<piot.gateway.fleet.Outbound> out) {
        List<Prepared> prepared = new ArrayList<>();
        long now = clock.wallMillis();
        for (piot.gateway.fleet.Outbound o : out) {
            // Parked like router messages when there is no route, and queued behind what is parked.
            Optional<String> hop = parked.contains(o.destination()) ? Optional.empty() : hopFor(o.destination());
            Envelope e = new Envelope(UUID.randomUUID(), o.message().type(), self, o.destination(), HOP_LIMIT, now, 0, seq.next(),
                    piot.gateway.fleet.FleetCodec.encode(o.message()));
            byte[] bytes = piot.gateway.mesh.codec.EnvelopeCodec.encode(e);
            String peer = hop.orElseGet(() -> park(o.destination()));
            prepared.add(new Prepared(peer, new Append(peer, bytes, MessageKind.CONTROL, HoldPolicy.ALL, null), e));
        }
        return prepared;
    }

    /** The forward of a message for another node, one hop less; empty when it must be dropped. */
    Optional<Prepared> relay(Envelope in) {
        if (in.hopLimit() <= 1) {
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "hop limit reached: {0} dropped", in);
            return Optional.empty();
        }
        Optional<String> hop = parked.contains(in.destination()) ? Optional.empty() : knownHop(in.destination());
        Envelope out = new Envelope(in.id(), in.type(), in.source(), in.destination(), in.hopLimit() - 1, in.created(),
                in.expiryMillis(), in.sourceSeq(), in.body());
        byte[] bytes = piot.gateway.mesh.codec.EnvelopeCodec.encode(out);
        MessageKind kind = switch (in.type()) {
            case "event" -> MessageKind.EVENT;
            case "action" -> MessageKind.ACTION;
            default -> MessageKind.CONTROL;
        };
        String peer = hop.orElseGet(() -> park(in.destination()));
        return Optional.of(new Prepared(peer, new Append(peer, bytes, kind, HoldPolicy.ALL, null), out));
    }

    /** The parking pseudo-peer of {@code destination}; counts the parking. */
    private String park(String destination) {
        if (parked.add(destination)) {
            LOG.log(Level.WARNING, "no route to {0}: parking its messages until one appears", destination);
        }
        parkedTotal.incrementAndGet();
        return PARK_PREFIX + destination;
    }

    /**
     * On the router thread, at every tick: moves parked messages on to destinations that now have
     * a next hop (in order, each batch in one transaction with its removal from the park), and
     * forgets a destination once its park is empty. It waits for those writes here: nothing can be
     * parked meanwhile (parking happens on this thread), and the holding writer commits in order,
     * so once a move completes every earlier parking is committed and an empty park is really
     * empty. Bounded per tick; a storage fault is logged and retried at the next tick.
     */
    void unpark() {
        for (String destination : List.copyOf(parked)) {
            Optional<String> hop = knownHop(destination);
            if (hop.isEmpty()) {
                continue;
            }
            String park = PARK_PREFIX + destination;
            try {
                for (int round = 0; round < UNPARK_ROUNDS; round++) {
                    List<piot.gateway.holding.HeldMessage> batch = store.pendingMessages(park, 0, UNPARK_BATCH);
                    List<Append> appends = new ArrayList<>();
                    for (piot.gateway.holding.HeldMessage h : batch) {
                        appends.add(new Append(hop.get(), h.message(), h.kind(), HoldPolicy.ALL, null));
                    }
                    // Empty, it is a barrier: parkings queued before it are committed once it completes.
                    store.moveHeld(park, batch.isEmpty() ? 0 : batch.getLast().seq(), appends).join();
                    if (!batch.isEmpty()) {
                        poke(hop.get());
                    } else if (store.pendingMessages(park, 0, 1).isEmpty()) {
                        parked.remove(destination);
                        LOG.log(Level.INFO, "route to {0}: parked messages all moved on", destination);
                        break;
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "moving parked messages for " + destination + " failed; will retry", e);
            }
        }
    }

    private Optional<Prepared> appendFor(String hop, String destination, RouterMessage m, Envelope env, byte[] bytes) {
        Append a = switch (m) {
            case RouterMessage.EventMessage e -> switch (holds.getOrDefault(e.thing(), SensorConfig.Hold.ALL)) {
                case ALL -> Append.event(hop, bytes);
                case LATEST -> Append.latest(hop, bytes, destination + "/" + e.thing() + "/" + e.key());
                case NONE -> sessionsUp.contains(hop) ? Append.latest(hop, bytes, destination + "/" + e.thing() + "/" + e.key()) : null;
            };
            case RouterMessage.ActionRequest r -> Append.action(hop, bytes);
            case RouterMessage.RoutingUpdate r -> new Append(hop, bytes, MessageKind.CONTROL, HoldPolicy.LATEST, "routing>" + destination);
            case RouterMessage.ThingDescriptionsMessage t -> new Append(hop, bytes, MessageKind.CONTROL, HoldPolicy.LATEST, "things>" + destination);
            default -> new Append(hop, bytes, MessageKind.CONTROL, HoldPolicy.ALL, null);
        };
        if (a == null) {
            dropped.incrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Prepared(hop, a, env));
    }

    /** A next hop that is known, not guessed: the route, the destination itself, or the last route's hop. */
    Optional<String> knownHop(String destination) {
        Optional<String> h = routes.nextHop(destination);
        if (h.isPresent()) {
            lastHop.put(destination, h.get());
            return h;
        }
        MeshNode m = mesh;
        if (m != null && m.links().get(destination).isPresent()) {
            return Optional.of(destination);
        }
        return Optional.ofNullable(lastHop.get(destination));
    }

    /** Where a message for {@code destination} goes next (see the class comment). */
    Optional<String> hopFor(String destination) {
        Optional<String> h = routes.nextHop(destination);
        if (h.isPresent()) {
            lastHop.put(destination, h.get());
            return h;
        }
        MeshNode m = mesh;
        if (m == null) {
            return Optional.empty();
        }
        if (m.links().get(destination).isPresent()) {
            return Optional.of(destination);
        }
        String last = lastHop.get(destination);
        if (last != null) {
            return Optional.of(last);
        }
        Set<String> neighbours = new java.util.TreeSet<>(everUp);
        m.links().all().forEach(l -> neighbours.add(l.peer()));
        return neighbours.size() == 1 ? Optional.of(neighbours.iterator().next()) : Optional.empty();
    }
}
