package piot.gateway.router;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import piot.gateway.router.RouterMessage.ActionStatus;

/** {@link ExecutedActions} in memory: for tests and simulations; forgets everything at exit. */
public final class InMemoryExecutedActions implements ExecutedActions {
    private final Set<String> seen = new HashSet<>();
    private final Map<String, ActionStatus> finals = new HashMap<>();

    @Override
    public synchronized boolean markIfNew(String requestId) {
        return seen.add(requestId);
    }

    @Override
    public synchronized void recordFinal(ActionStatus finalStatus) {
        if (!finalStatus.status().isFinal()) {
            throw new IllegalArgumentException("not a final status: " + finalStatus.status());
        }
        finals.putIfAbsent(finalStatus.requestId(), finalStatus);
    }

    @Override
    public synchronized Optional<ActionStatus> finalStatus(String requestId) {
        return Optional.ofNullable(finals.get(requestId));
    }
}
