package piot.gateway.router;

import java.util.Objects;

/**
 * A message the router wants sent end to end to {@code destination} (a node name); the mesh wraps
 * it in an envelope with this node as source and routes it by {@link RoutingTable#nextHop}.
 */
public record Outgoing(String destination, RouterMessage message) {
    public Outgoing {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
    }
}
