package piot.gateway.holding;

import java.util.Map;

/**
 * A snapshot of holding for the status page, events and metrics.
 *
 * @param peers per peer: what is held and what was dropped
 */
public record HoldingStats(Map<String, PeerStats> peers) {
    public HoldingStats {
        peers = Map.copyOf(peers);
    }

    /**
     * @param depth messages held (unconfirmed)
     * @param bytes sum of their sizes
     * @param lastAssigned highest link sequence assigned
     * @param dropped messages dropped without confirmation, by reason (every reason present)
     */
    public record PeerStats(long depth, long bytes, long lastAssigned, Map<DropReason, Long> dropped) {
        public PeerStats {
            dropped = Map.copyOf(dropped);
        }
    }

    /** All messages dropped for {@code reason}, over every peer. */
    public long dropped(DropReason reason) {
        return peers.values().stream().mapToLong(p -> p.dropped().getOrDefault(reason, 0L)).sum();
    }

    /** The stats of {@code peer}, all zero when nothing was ever held for it. */
    public PeerStats peer(String peer) {
        PeerStats s = peers.get(peer);
        if (s != null) {
            return s;
        }
        Map<DropReason, Long> zero = new java.util.EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            zero.put(r, 0L);
        }
        return new PeerStats(0, 0, 0, zero);
    }
}
