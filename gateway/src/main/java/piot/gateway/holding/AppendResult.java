package piot.gateway.holding;

/** What became of one {@link Append} once its transaction committed. */
public sealed interface AppendResult {
    /** Durable under link sequence {@code seq}: the producer may now be acknowledged. */
    record Held(long seq) implements AppendResult {}

    /** Refused by the overflow policy {@link Overflow#DROP_NEWEST}; counted as overflow. */
    record Dropped(DropReason reason) implements AppendResult {}

    /** {@link HoldPolicy#NONE}: nothing was written; deliver it only while a session is up. */
    record NotHeld() implements AppendResult {}
}
