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
 * Otherwise the message is dropped and counted: a message is held for a route that does not exist
 * yet only in those cases (enough for lines and stars, where the held message waits for the one
 * neighbour that leads there). Hold policy: events as their sensor's {@code hold} (all / latest
 * per destination+thing+key / none = only while the next hop's session is up), actions as
 * actions, routing and thing lists conflated to the newest, everything else held in full.
 * Used by the router thread only.
 */
final class Outbox {
    static final int HOP_LIMIT = 16;
    private static final System.Logger LOG = System.getLogger(Outbox.class.getName());

    /** One append for one next hop. */
    record Prepared(String peer, Append append) {}

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
    }

    void attach(MeshNode m) {
        this.mesh = m;
    }

    /** Messages dropped for want of a next hop, hop limit or hold: none without a session. */
    long dropped() {
        return dropped.get();
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
            Optional<String> hop = hopFor(o.destination());
            if (hop.isEmpty()) {
                dropped.incrementAndGet();
                LOG.log(Level.WARNING, "no route to {0}: {1} dropped", o.destination(), o.message().type());
                continue;
            }
            RouterMessage m = o.message();
            long expiry = m instanceof RouterMessage.ActionRequest a ? a.expiryWallMillis() : 0;
            Envelope e = new Envelope(UUID.randomUUID(), m.type(), self, o.destination(), HOP_LIMIT, now, expiry, seq.next(),
                    RouterCodec.encode(m));
            byte[] bytes = piot.gateway.mesh.codec.EnvelopeCodec.encode(e);
            appendFor(hop.get(), o.destination(), m, bytes).ifPresent(prepared::add);
        }
        return prepared;
    }

    /** Fleet messages (file chunks and statuses), held in full for their next hop. */
    List<Prepared> prepareFleet(List<piot.gateway.fleet.Outbound> out) {
        List<Prepared> prepared = new ArrayList<>();
        long now = clock.wallMillis();
        for (piot.gateway.fleet.Outbound o : out) {
            Optional<String> hop = hopFor(o.destination());
            if (hop.isEmpty()) {
                dropped.incrementAndGet();
                LOG.log(Level.WARNING, "no route to {0}: {1} dropped", o.destination(), o.message().type());
                continue;
            }
            Envelope e = new Envelope(UUID.randomUUID(), o.message().type(), self, o.destination(), HOP_LIMIT, now, 0, seq.next(),
                    piot.gateway.fleet.FleetCodec.encode(o.message()));
            byte[] bytes = piot.gateway.mesh.codec.EnvelopeCodec.encode(e);
            prepared.add(new Prepared(hop.get(), new Append(hop.get(), bytes, MessageKind.CONTROL, HoldPolicy.ALL, null)));
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
        Optional<String> hop = hopFor(in.destination());
        if (hop.isEmpty()) {
            dropped.incrementAndGet();
            LOG.log(Level.WARNING, "no route to {0}: relayed {1} dropped", in.destination(), in);
            return Optional.empty();
        }
        Envelope out = new Envelope(in.id(), in.type(), in.source(), in.destination(), in.hopLimit() - 1, in.created(),
                in.expiryMillis(), in.sourceSeq(), in.body());
        byte[] bytes = piot.gateway.mesh.codec.EnvelopeCodec.encode(out);
        MessageKind kind = switch (in.type()) {
            case "event" -> MessageKind.EVENT;
            case "action" -> MessageKind.ACTION;
            default -> MessageKind.CONTROL;
        };
        return Optional.of(new Prepared(hop.get(), new Append(hop.get(), bytes, kind, HoldPolicy.ALL, null)));
    }

    private Optional<Prepared> appendFor(String hop, String destination, RouterMessage m, byte[] bytes) {
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
        return Optional.of(new Prepared(hop, a));
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
