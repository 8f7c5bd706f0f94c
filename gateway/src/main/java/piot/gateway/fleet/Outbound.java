package piot.gateway.fleet;

import java.util.Objects;

/** A fleet message for node {@code destination}; the mesh holds it for the next hop like any other. */
public record Outbound(String destination, FleetMessage message) {
    public Outbound {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(message, "message");
    }
}
