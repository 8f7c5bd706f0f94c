package piot.gateway.mesh;

import java.util.List;

/**
 * Where a node hands received messages. Contract (custody): return only once the message is
 * durably accepted (e.g. appended to holding for its next hop or executed and recorded). Only
 * then does the mesh advance the inbound watermark and confirm to the sender. Throwing means "not
 * accepted": the message is not confirmed and the sender retransmits it later. Called from the
 * session's owner thread, one message at a time per peer, in link order.
 *
 * <p>If the process dies after the handler returned but before the watermark is stored, the
 * message is delivered again after restart with the same {@code linkSeq}; a handler that records
 * the link sequence atomically with custody (or dedupes by envelope id / source sequence) sees
 * every message exactly once.
 */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(Delivery delivery) throws Exception;

    /**
     * A handler that can take custody of a run of consecutive messages from one peer at once (one
     * durable write for the run instead of one per message). Contract: all or nothing — return only
     * once every message of the run is durably accepted; throw when none is. The session confirms
     * the run with one CONFIRM for its last message. When a run is refused, the session offers the
     * same messages again one at a time through {@link #onMessage}, so one bad message cannot hold
     * back those before it.
     */
    interface Batching extends MessageHandler {
        void onMessages(List<Delivery> run) throws Exception;
    }
}
