package piot.gateway.router;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.ActionStatus.Status;

/**
 * The executing gateway's gate in front of its actuators: decides whether an action request runs.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Every request id is marked in {@link ExecutedActions} before anything else, whatever the
 *       decision: a retransmission of a refused or expired request can never run later (for
 *       example after the wall clock stepped back). A second sight is {@link Kind#DUPLICATE}: it
 *       never runs, and is answered with the recorded final status; if the first sight is still
 *       running here it gets no answer (its final status is on the way); if the gateway restarted
 *       while running it, the outcome is unknown and it is answered FAILED, not retried.</li>
 *   <li>A refusal by the middleware (authorization, rate limit) is {@link Kind#REFUSED}: FAILED
 *       with the refusal's reason.</li>
 *   <li>A local wall clock before {@link #SANE_WALL_MILLIS} (2024-01-01) is not synchronized (a Pi
 *       without RTC before NTP): expiry cannot be judged, so the request is refused, FAILED
 *       "clock not synchronized", rather than risk running a stale command.</li>
 *   <li>{@code now >= expiryWallMillis} is {@link Kind#EXPIRED}.</li>
 *   <li>Otherwise {@link Kind#EXECUTE}: reply DELIVERED, run it, then call {@link #completed}
 *       with COMPLETED or FAILED and the actuator's result.</li>
 * </ol>
 * Every final status it produces is recorded, so exactly one final status exists per request id.
 * Not thread-safe: owned by the thread that runs actions.
 */
public final class ActionGate {
    /** 2024-01-01T00:00:00Z: a wall clock earlier than this has not been set. */
    public static final long SANE_WALL_MILLIS = 1_704_067_200_000L;

    private final ExecutedActions executed;
    private final Set<String> running = new HashSet<>();

    public ActionGate(ExecutedActions executed) {
        this.executed = executed;
    }

    /** What the gate decided and the status to send to the requester now, if any. */
    public record Decision(Kind kind, Optional<ActionStatus> reply) {}

    public enum Kind { EXECUTE, DUPLICATE, REFUSED, EXPIRED }

    /** Decides about {@code request}, received at local wall time {@code nowWallMillis}. */
    public Decision decide(ActionRequest request, long nowWallMillis, Verdict middleware) {
        if (!executed.markIfNew(request.requestId())) {
            if (running.contains(request.requestId())) {
                return new Decision(Kind.DUPLICATE, Optional.empty());
            }
            ActionStatus answer = executed.finalStatus(request.requestId()).orElseGet(() -> record(request.status(
                    Status.FAILED, "outcome unknown: the gateway restarted while running it; not run again",
                    nowWallMillis)));
            return new Decision(Kind.DUPLICATE, Optional.of(answer));
        }
        if (middleware instanceof Verdict.Refuse refuse) {
            return finish(Kind.REFUSED, request.status(Status.FAILED, refuse.reason(), nowWallMillis));
        }
        if (nowWallMillis < SANE_WALL_MILLIS) {
            return finish(Kind.REFUSED, request.status(Status.FAILED,
                    "clock not synchronized: cannot check the expiry, not run", nowWallMillis));
        }
        if (nowWallMillis >= request.expiryWallMillis()) {
            return finish(Kind.EXPIRED, request.status(Status.EXPIRED, "expired "
                    + (nowWallMillis - request.expiryWallMillis()) + " ms before it could run", nowWallMillis));
        }
        running.add(request.requestId());
        return new Decision(Kind.EXECUTE, Optional.of(request.status(Status.DELIVERED, "", nowWallMillis)));
    }

    /**
     * The actuator finished a request this gate let through: records and returns its final status
     * (COMPLETED or FAILED, {@code detail} the actuator's result).
     */
    public ActionStatus completed(ActionRequest request, boolean ok, String detail, long nowWallMillis) {
        if (!running.remove(request.requestId())) {
            throw new IllegalStateException("request " + request.requestId() + " was not running");
        }
        return record(request.status(ok ? Status.COMPLETED : Status.FAILED, detail, nowWallMillis));
    }

    private Decision finish(Kind kind, ActionStatus status) {
        return new Decision(kind, Optional.of(record(status)));
    }

    private ActionStatus record(ActionStatus status) {
        executed.recordFinal(status);
        return executed.finalStatus(status.requestId()).orElse(status);
    }
}
