package piot.gateway.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import piot.gateway.router.RouterMessage.RpcReply;

/**
 * The caller's outstanding RPC requests, one per (call id, target node), so that each gets exactly
 * one reply: the target's, or {@code timeout} once its monotonic deadline passes. Replies nobody
 * waits for (duplicates, late ones, forged sources) are dropped and counted. Not thread-safe.
 */
public final class PendingCalls {
    private record Key(String callId, String node) {}

    /** A reply matched to the node it is from. */
    public record Answer(String node, RpcReply reply) {}

    private final Map<Key, Long> deadlines = new LinkedHashMap<>();
    private long unexpected;

    public void expect(String callId, String node, long deadlineNanos) {
        deadlines.put(new Key(callId, node), deadlineNanos);
    }

    /** A reply from {@code source}; the answer when it was awaited. */
    public Optional<Answer> onReply(String source, RpcReply reply) {
        if (deadlines.remove(new Key(reply.callId(), source)) == null) {
            unexpected++;
            return Optional.empty();
        }
        return Optional.of(new Answer(source, reply));
    }

    /** Timeout answers for every request past its deadline. */
    public List<Answer> expire(long nowNanos) {
        List<Answer> out = new ArrayList<>();
        deadlines.entrySet().removeIf(e -> {
            if (nowNanos - e.getValue() >= 0) {
                out.add(new Answer(e.getKey().node(), RpcReply.failure(e.getKey().callId(),
                        "timeout: no reply from " + e.getKey().node())));
                return true;
            }
            return false;
        });
        return out;
    }

    public int size() {
        return deadlines.size();
    }

    public long unexpected() {
        return unexpected;
    }
}
