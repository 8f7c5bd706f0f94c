package piot.gateway.uplink;

/** What wakes the publisher thread; posted by Paho's threads and the bridge's callers. */
sealed interface Signal {
    /** Something new may be in the outbox, or the connection changed. */
    record Wake() implements Signal {}

    /** The broker acknowledged outbox message {@code seq} sent in connection {@code epoch}. */
    record Acked(long epoch, long seq) implements Signal {}

    /** Publishing {@code seq} in connection {@code epoch} failed; it is sent again. */
    record Failed(long epoch, long seq, Throwable cause) implements Signal {}

    /** Publish the discovery documents (and statuses) again: Home Assistant restarted or things changed. */
    record Announce() implements Signal {}
}
