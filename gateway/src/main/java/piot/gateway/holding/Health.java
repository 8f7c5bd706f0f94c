package piot.gateway.holding;

/** The store's health as the status page shows it. */
public sealed interface Health {
    /** The last write committed. */
    record Ok() implements Health {}

    /** The last write failed; {@code reason} says why and names the file. */
    record Degraded(HoldingException.Fault fault, String reason) implements Health {}
}
