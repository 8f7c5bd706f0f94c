package piot.gateway.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import piot.gateway.holding.NodeState;
import piot.gateway.router.ExecutedActions;
import piot.gateway.router.Parsed;
import piot.gateway.router.RouterCodec;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RouterMessage.ActionStatus;

/**
 * {@link ExecutedActions} over holding's {@code actions} table: an id is claimed durably before it
 * may run (at most once across restarts); the final status is stored as its {@code action-status}
 * JSON body so a duplicate can be answered with it, even after a restart. The newest
 * {@link #CACHED} final statuses are also kept in memory (duplicates come soon after the
 * original); older ones are read back from the table, so memory stays bounded however long the
 * gateway runs.
 */
final class DurableExecutedActions implements ExecutedActions {
    static final String CLAIMED = "claimed";
    static final int CACHED = 1024;

    private final NodeState state;
    private final Map<String, ActionStatus> finals = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ActionStatus> eldest) {
            return size() > CACHED;
        }
    });

    DurableExecutedActions(NodeState state) {
        this.state = state;
    }

    @Override
    public boolean markIfNew(String requestId) {
        return state.claimAction(requestId, CLAIMED).join();
    }

    @Override
    public void recordFinal(ActionStatus s) {
        if (finalStatus(s.requestId()).isPresent()) {
            return;
        }
        state.actionStatus(s.requestId(), new String(RouterCodec.encode(s), StandardCharsets.UTF_8)).join();
        finals.put(s.requestId(), s);
    }

    @Override
    public Optional<ActionStatus> finalStatus(String requestId) {
        ActionStatus cached = finals.get(requestId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return state.action(requestId).flatMap(r -> r.status().startsWith("{")
                && RouterCodec.decode("action-status", r.status().getBytes(StandardCharsets.UTF_8))
                instanceof Parsed.Ok<RouterMessage> ok && ok.value() instanceof ActionStatus s ? Optional.of(s) : Optional.empty());
    }

    /** How many final statuses are held in memory now (at most {@link #CACHED}). */
    int cached() {
        return finals.size();
    }
}
