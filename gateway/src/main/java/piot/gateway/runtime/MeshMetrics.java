package piot.gateway.runtime;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import piot.gateway.mesh.SessionListener;
import piot.gateway.mesh.codec.Close;
import piot.gateway.mesh.codec.Confirm;
import piot.gateway.mesh.codec.Data;
import piot.gateway.mesh.codec.EnvelopeCodec;
import piot.gateway.mesh.codec.Handshake;
import piot.gateway.mesh.codec.Hello;
import piot.gateway.mesh.codec.MeshMessage;
import piot.gateway.mesh.codec.MessageHash;
import piot.gateway.status.PiotMetrics;
import piot.time.Clock;

/**
 * Feeds the mesh metrics from what sessions send and receive: messages in and out by type (a data
 * message counts under its envelope's type), confirmations by outcome, retransmissions, the
 * delivery latency (first send to confirmation) and the confirmation round trip (last send to
 * confirmation). It mirrors each session's send window by sequence only to measure it; the
 * session alone decides what to resend. Per peer the calls come from one session thread at a time.
 *
 * <p>The mirror outlives sessions on purpose: a message sent again after a reconnect is a
 * retransmission, and its delivery latency runs from its first send, outage included. (Clearing
 * it when a session comes up would race with the new session's first sends.) A clean-slate session
 * numbers from 1 again; a sequence sent with different bytes is therefore a new message.
 */
final class MeshMetrics implements SessionListener {
    /** A runaway peer that never confirms cannot make the mirror grow beyond this. */
    static final int MAX_TRACKED = 4096;

    /** The envelope is the one the session holds in its window anyway; it is hashed only when its own confirmation comes. */
    private record Sent(long firstNanos, long lastNanos, String type, byte[] envelope) {}

    private static final class Peer {
        final TreeMap<Long, Sent> unconfirmed = new TreeMap<>();
        volatile double lastRttMillis = Double.NaN;
    }

    private final PiotMetrics m;
    private final Clock clock;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    MeshMetrics(PiotMetrics m, Clock clock) {
        this.m = m;
        this.clock = clock;
    }

    /** The last confirmation round trip to {@code peer} in milliseconds, or NaN when none was measured. */
    double lastRttMillis(String peer) {
        Peer p = peers.get(peer);
        return p == null ? Double.NaN : p.lastRttMillis;
    }

    @Override
    public void onSessionUp(String peer) {}

    @Override
    public void onSessionDown(String peer, String reason) {}

    @Override
    public void onSent(String peer, MeshMessage message) {
        String type = typeOf(message);
        m.messagesOut().labels(type).inc();
        if (!(message instanceof Data d)) {
            return;
        }
        long now = clock.nanoTime();
        Peer p = peers.computeIfAbsent(peer, k -> new Peer());
        synchronized (p) {
            Sent before = p.unconfirmed.get(d.seq());
            if (before != null && java.util.Arrays.equals(before.envelope(), d.envelope())) {
                m.retransmissions().labels(peer).inc();
                p.unconfirmed.put(d.seq(), new Sent(before.firstNanos(), now, type, before.envelope()));
                return;
            }
            if (p.unconfirmed.size() >= MAX_TRACKED) {
                p.unconfirmed.pollFirstEntry();
            }
            p.unconfirmed.put(d.seq(), new Sent(now, now, type, d.envelope()));
        }
    }

    @Override
    public void onReceived(String peer, MeshMessage message) {
        m.messagesIn().labels(typeOf(message)).inc();
        if (message instanceof Confirm c) {
            confirmed(peer, c);
        }
    }

    private void confirmed(String peer, Confirm c) {
        long now = clock.nanoTime();
        Peer p = peers.computeIfAbsent(peer, k -> new Peer());
        synchronized (p) {
            Sent s = p.unconfirmed.get(c.seq());
            if (s == null) {
                m.confirmations().labels(peer, "stale").inc();
                return;
            }
            if (s.envelope().length != c.length() || MessageHash.of(s.envelope()) != c.hash()) {
                m.confirmations().labels(peer, "mismatch").inc();
                return;
            }
            m.confirmations().labels(peer, "ok").inc();
            double rtt = (now - s.lastNanos()) / 1e9;
            m.confirmationRtt().labels(peer).observe(rtt);
            p.lastRttMillis = rtt * 1000;
            // A confirmation covers every message up to its sequence.
            Iterator<Sent> covered = p.unconfirmed.headMap(c.seq(), true).values().iterator();
            while (covered.hasNext()) {
                Sent done = covered.next();
                m.deliveryLatency().labels(done.type()).observe((now - done.firstNanos()) / 1e9);
                covered.remove();
            }
        }
    }

    static String typeOf(MeshMessage message) {
        return switch (message) {
            case Data d -> EnvelopeCodec.peekType(d.envelope());
            case Confirm c -> "confirm";
            case Hello h -> "hello";
            case Close c -> "close";
            case Handshake h -> "handshake";
        };
    }
}
