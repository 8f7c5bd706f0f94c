package piot.gateway.mesh;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a session needs from durable storage: the per-peer outbound queue ("holding") and the
 * per-peer inbound watermark. The mesh encodes messages; the store only keeps bytes.
 *
 * <p>Contract (implemented in memory for tests and over SQLite by {@code piot.gateway.holding}):
 * <ul>
 *   <li>{@link #append} assigns the next link sequence number for that peer (1, 2, 3, … with no
 *       gaps, never reused even after a restart) and completes its future only once the message
 *       is durable; only then may the caller acknowledge whoever handed the message over.</li>
 *   <li>{@link #pending} returns held messages with {@code seq > afterSeq}, in sequence order.</li>
 *   <li>{@link #confirm} removes everything up to and including {@code seq} for that peer; it is
 *       called once the peer confirmed receipt, so a message leaves holding only when confirmed.</li>
 *   <li>The inbound watermark is the highest sequence received in order from a peer and accepted
 *       (handed to the application durably); it is exchanged in the session handshake so the peer
 *       resends exactly what is missing, and used to drop retransmissions.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface LinkStore {
    CompletableFuture<Long> append(String peer, byte[] message);

    List<Held> pending(String peer, long afterSeq, int max);

    void confirm(String peer, long seq);

    /** Highest sequence ever assigned to {@code peer} (0 when none), confirmed or not. */
    long lastAssigned(String peer);

    long inboundWatermark(String peer);

    void inboundWatermark(String peer, long seq);

    /**
     * Sets the inbound watermark to {@code seq}, lower too: the peer lost its link state (a wiped
     * data dir) and numbers from 1 again. Durable on return.
     */
    void followInboundWatermark(String peer, long seq);

    /** Forgets both directions for {@code peer}: a session with {@code inherit_state: false}. */
    void reset(String peer);

    /** One held message with its link sequence number. */
    record Held(long seq, byte[] message) {}
}
