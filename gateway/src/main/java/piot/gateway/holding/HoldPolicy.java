package piot.gateway.holding;

/**
 * What holding keeps of a sensor's readings while a peer is unreachable (config key {@code hold}).
 */
public enum HoldPolicy {
    /** Every reading is held until confirmed. */
    ALL,
    /** Only the newest message per conflation key (thing + key) still held for that peer. */
    LATEST,
    /** Never stored; the caller delivers it only while a session is up. */
    NONE
}
