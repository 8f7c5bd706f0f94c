package piot.gateway.holding;

/** What happens when a peer's holding queue is at its message or byte limit. */
public enum Overflow {
    /** Drop the oldest held messages until the new one fits (default). */
    DROP_OLDEST,
    /** Refuse the new message; what is already held stays. */
    DROP_NEWEST
}
