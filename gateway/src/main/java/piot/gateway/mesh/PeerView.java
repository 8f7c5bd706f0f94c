package piot.gateway.mesh;

/**
 * A peer as the status page shows it. {@code sinceWallMillis} is when the state last changed
 * (0 = never up); {@code holdingDepth} counts held messages, capped at {@link MeshNode#DEPTH_CAP}.
 */
public record PeerView(String peer, State state, long sinceWallMillis, long holdingDepth, String address,
                       boolean inheritState, Link.Source source) {
    public enum State { UP, DOWN }
}
