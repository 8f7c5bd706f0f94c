package piot.gateway.router;

import java.util.List;
import java.util.Optional;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.RpcReply;
import piot.gateway.router.RouterMessage.RpcRequest;

/**
 * The middleware steps in order, and what a refusal turns into: never silence towards a
 * requester. A refused RPC is answered with an {@link RpcReply} error {@code "CODE: reason"}; a
 * refused action addressed to this node goes through {@link ActionGate#decide} with the verdict,
 * which answers FAILED with the reason (and remembers the id); a refused event, subscription or
 * routing update is dropped and counted.
 */
public final class MiddlewareChain {
    private final List<Middleware> steps;
    private long dropped;

    public MiddlewareChain(List<Middleware> steps) {
        this.steps = List.copyOf(steps);
    }

    /** Runs every step until one refuses. */
    public Verdict check(Inbound in, long nowNanos) {
        for (Middleware m : steps) {
            Verdict v = m.check(in, nowNanos);
            if (v instanceof Verdict.Refuse) {
                return v;
            }
        }
        return Verdict.ACCEPT;
    }

    /**
     * The reply owed to the sender of a refused message: an RPC error, FAILED for an action (the
     * router sends refused actions for this node through {@link ActionGate#decide} instead, so
     * that the id is remembered), or empty for the rest (the drop is counted).
     */
    public Optional<RouterMessage> refusalReply(Inbound in, Verdict.Refuse refuse, long nowWallMillis) {
        return switch (in.message()) {
            case RpcRequest rpc -> Optional.of(RpcReply.failure(rpc.callId(), refuse.code() + ": " + refuse.reason()));
            case ActionRequest a -> Optional.of(a.status(ActionStatus.Status.FAILED, refuse.reason(), nowWallMillis));
            default -> {
                dropped++;
                yield Optional.empty();
            }
        };
    }

    /** Refused messages that had no one to answer (events, subscriptions, routing). */
    public long dropped() {
        return dropped;
    }
}
