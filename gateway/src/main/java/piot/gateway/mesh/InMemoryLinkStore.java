package piot.gateway.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@link LinkStore} in memory: for tests, simulations and inherit_state experiments. It survives a
 * {@code MeshNode} restart (pass the same instance) but not a process restart. {@link #reset} keeps
 * the sequence counter, so sequence numbers are never reused.
 */
public final class InMemoryLinkStore implements LinkStore {
    private final Map<String, PeerState> peers = new HashMap<>();

    private static final class PeerState {
        final TreeMap<Long, byte[]> held = new TreeMap<>();
        long lastAssigned;
        long watermark;
    }

    private PeerState state(String peer) {
        return peers.computeIfAbsent(peer, p -> new PeerState());
    }

    @Override
    public synchronized CompletableFuture<Long> append(String peer, byte[] message) {
        PeerState s = state(peer);
        long seq = ++s.lastAssigned;
        s.held.put(seq, message.clone());
        return CompletableFuture.completedFuture(seq);
    }

    @Override
    public synchronized List<Held> pending(String peer, long afterSeq, int max) {
        List<Held> out = new ArrayList<>();
        for (var e : state(peer).held.tailMap(afterSeq, false).entrySet()) {
            if (out.size() >= max) {
                break;
            }
            out.add(new Held(e.getKey(), e.getValue().clone()));
        }
        return out;
    }

    @Override
    public synchronized void confirm(String peer, long seq) {
        state(peer).held.headMap(seq, true).clear();
    }

    @Override
    public synchronized long lastAssigned(String peer) {
        return state(peer).lastAssigned;
    }

    @Override
    public synchronized long inboundWatermark(String peer) {
        return state(peer).watermark;
    }

    @Override
    public synchronized void inboundWatermark(String peer, long seq) {
        state(peer).watermark = seq;
    }

    @Override
    public synchronized void followInboundWatermark(String peer, long seq) {
        state(peer).watermark = seq;
    }

    @Override
    public synchronized void reset(String peer) {
        PeerState s = state(peer);
        s.held.clear();
        s.watermark = 0;
    }

    /** Drops one held message as holding does on overflow or expiry, leaving a gap in sequence. */
    public synchronized boolean drop(String peer, long seq) {
        return state(peer).held.remove(seq) != null;
    }

    /** Number of held messages for {@code peer}. */
    public synchronized int depth(String peer) {
        return state(peer).held.size();
    }
}
