package piot.gateway.holding;

/** An append refused by the overflow policy {@code drop-newest}: the producer must not be acknowledged. */
public final class HoldingFullException extends RuntimeException {
    private final DropReason reason;

    public HoldingFullException(String peer, DropReason reason) {
        super("holding for " + peer + " is full (" + reason + "); the message was not held");
        this.reason = reason;
    }

    /** Always {@link DropReason#OVERFLOW} today. */
    public DropReason reason() {
        return reason;
    }
}
