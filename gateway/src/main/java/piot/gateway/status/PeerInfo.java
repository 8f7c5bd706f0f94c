package piot.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A peer as this node sees it.
 *
 * @param name         peer node name
 * @param address      host:port of the link, or {@code null} for a node reached only through a relay
 * @param state        session state: up (a live session) or down
 * @param since        when the state last changed
 * @param holdingDepth messages waiting in holding for this peer
 * @param rtt          last measured heartbeat round trip, or {@code null} when unknown
 * @param via          {@code null} for a direct link; otherwise the neighbour that relays to it
 */
public record PeerInfo(String name, String address, State state, Instant since, long holdingDepth, Duration rtt, String via) {
    public PeerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        if (holdingDepth < 0) throw new IllegalArgumentException("holdingDepth < 0");
    }

    /** Session state of a peer. */
    public enum State { UP, DOWN }
}
