package piot.gateway.router;

import java.util.Optional;
import piot.gateway.router.RouterMessage.ActionStatus;

/**
 * The executing gateway's durable memory of action request ids: what makes "at most once" hold
 * across retransmissions and restarts. Implemented over SQLite by {@code piot.gateway.holding};
 * {@link InMemoryExecutedActions} for tests. Implementations are thread-safe, and a {@code true}
 * from {@link #markIfNew} must be durable before it returns.
 */
public interface ExecutedActions {

    /** Records {@code requestId}; true only the first time it is ever seen. */
    boolean markIfNew(String requestId);

    /** Remembers the final status of a marked request so that a duplicate can be answered with it. */
    void recordFinal(ActionStatus finalStatus);

    /** The final status recorded for {@code requestId}, if any. */
    Optional<ActionStatus> finalStatus(String requestId);
}
