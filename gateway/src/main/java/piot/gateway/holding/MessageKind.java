package piot.gateway.holding;

/** The type of a held message, which selects its time-to-live. */
public enum MessageKind {
    /** A reading or state change; TTL {@code holding.ttl.event} (default 7 days). */
    EVENT,
    /** An actuator request; TTL {@code holding.ttl.action} (default 1 hour). */
    ACTION,
    /** Anything else (status updates, control): never expires. */
    CONTROL
}
