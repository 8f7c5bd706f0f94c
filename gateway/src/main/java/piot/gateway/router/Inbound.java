package piot.gateway.router;

import java.util.Objects;

/**
 * A decoded message as the router receives it.
 *
 * @param peer    the neighbour it came from (the session's authenticated node), or this node's own
 *                name for messages produced locally (sensors, HTTP, MQTT)
 * @param source  the node that originated it (the envelope's {@code source})
 * @param message the body
 */
public record Inbound(String peer, String source, RouterMessage message) {
    public Inbound {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
