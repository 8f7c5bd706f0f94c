package piot.gateway.holding;

/**
 * A held message with what the sender needs besides its bytes.
 *
 * @param seq its link sequence number
 * @param previousSeq the sequence of the held message before it in this answer, or the
 *     {@code afterSeq} asked for when it is the first; sequences in between were dropped
 *     (overflow, ttl, conflation), so the receiver must not wait for them
 * @param acceptedWallMillis wall time at which holding accepted it; a sender flags messages sent
 *     well after this as historical (replayed)
 */
public record HeldMessage(long seq, long previousSeq, byte[] message, MessageKind kind, long acceptedWallMillis) {}
