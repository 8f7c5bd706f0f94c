package piot.gateway.status;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns snapshots into live events for what has no event of its own: peers and things appearing,
 * changing (a peer's session, holding depth or relay; a thing's type, keys or actions) and
 * disappearing. Every {@code interval} it compares {@link StatusModel#peers()} and
 * {@link StatusModel#things()} with the previous look and publishes the differences, so a status
 * page follows the mesh without reloading. Readings and round trips are not compared: readings
 * have their own events, and round trips change on every heartbeat.
 */
final class LiveDiff implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveDiff.class.getName());

    private record PeerShape(String address, PeerInfo.State state, long holdingDepth, String via) {
        static PeerShape of(PeerInfo p) {
            return new PeerShape(p.address(), p.state(), p.holdingDepth(), p.via());
        }
    }

    private record ThingShape(String type, List<String> keys, List<ActionInfo> actions) {
        static ThingShape of(ThingInfo t) {
            return new ThingShape(t.type(), t.keys().stream().map(k -> k.key() + " " + k.unit()).toList(), t.actions());
        }
    }

    private final StatusModel model;
    private final Consumer<LiveEvent> out;
    private final Duration interval;
    private final Map<String, PeerShape> peers = new HashMap<>();
    private final Map<List<String>, ThingShape> things = new HashMap<>();
    private volatile Thread thread;

    /** Takes the first look now, so only later changes are published. */
    LiveDiff(StatusModel model, Duration interval, Consumer<LiveEvent> out) {
        this.model = Objects.requireNonNull(model, "model");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.out = Objects.requireNonNull(out, "out");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        compare();
    }

    void start() {
        thread = Thread.ofVirtual().name("status-live-diff").start(() -> {
            for (long n = 0; n < Long.MAX_VALUE; n++) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    compare();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "live diff failed, trying again: " + e);
                }
            }
        });
    }

    /** One comparison: publishes what changed since the last one. Called by one thread at a time. */
    synchronized void compare() {
        Map<String, PeerInfo> nowPeers = new HashMap<>();
        model.peers().forEach(p -> nowPeers.put(p.name(), p));
        for (PeerInfo p : nowPeers.values()) {
            PeerShape shape = PeerShape.of(p);
            if (!shape.equals(peers.put(p.name(), shape))) {
                out.accept(new LiveEvent.Peer(p));
            }
        }
        peers.keySet().removeIf(name -> {
            boolean gone = !nowPeers.containsKey(name);
            if (gone) out.accept(new LiveEvent.PeerRemoved(name));
            return gone;
        });
        Map<List<String>, ThingInfo> nowThings = new HashMap<>();
        model.things().forEach(t -> nowThings.put(List.of(t.node(), t.thing()), t));
        for (Map.Entry<List<String>, ThingInfo> e : nowThings.entrySet()) {
            ThingShape shape = ThingShape.of(e.getValue());
            if (!shape.equals(things.put(e.getKey(), shape))) {
                out.accept(new LiveEvent.ThingChanged(e.getValue()));
            }
        }
        things.keySet().removeIf(id -> {
            boolean gone = !nowThings.containsKey(id);
            if (gone) out.accept(new LiveEvent.ThingRemoved(id.get(0), id.get(1)));
            return gone;
        });
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) t.interrupt();
    }
}
