package piot.gateway.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.ActionStatus.Status;

/**
 * The requester's view of its actions: a state machine per request id that moves only forward
 * (pending → delivered → completed | failed | expired) and reports exactly one final status.
 *
 * <ul>
 *   <li>A status equal to or behind the current one is a duplicate; anything after the final
 *       status is late; both are ignored and counted.</li>
 *   <li>If no final status arrives by the request's expiry plus a grace period (for the status to
 *       travel back), {@link #expire} declares it EXPIRED locally. The deadline is converted to the
 *       monotonic clock when the request is tracked, so a wall clock step (NTP sync) neither fires
 *       it early nor postpones it.</li>
 *   <li>Only the action's target node speaks for it: a status whose sender (the envelope's
 *       source) or whose body names another node is forged (or misaddressed); it is ignored,
 *       counted and logged.</li>
 *   <li>Finished actions are kept for {@code retainNanos} to recognize late statuses, then dropped.</li>
 * </ul>
 * Every applied status is written to the {@link ActionJournal}; {@link #resume} takes the open
 * ones back after a restart. Not thread-safe: owned by the router's thread.
 */
public final class ActionTracker {
    private static final System.Logger LOG = System.getLogger(ActionTracker.class.getName());
    private final long graceNanos;
    private final long retainNanos;
    private final ActionJournal journal;
    private final Map<String, Tracked> actions = new LinkedHashMap<>();
    private long duplicates;
    private long late;
    private long unknown;
    private long forged;

    /** One tracked action: its request, statuses so far (in order) and monotonic deadlines. */
    public record Tracked(ActionRequest request, List<ActionStatus> history, long deadlineNanos, long finishedNanos) {
        public Status current() {
            return history.getLast().status();
        }

        public boolean isFinal() {
            return current().isFinal();
        }
    }

    /** What became of a status update. */
    public enum Update { APPLIED, DUPLICATE, LATE, UNKNOWN, FORGED }

    /** A tracker that journals nothing (forgets its actions on restart). */
    public ActionTracker(long graceNanos, long retainNanos) {
        this(graceNanos, retainNanos, ActionJournal.NONE);
    }

    public ActionTracker(long graceNanos, long retainNanos, ActionJournal journal) {
        this.graceNanos = graceNanos;
        this.retainNanos = retainNanos;
        this.journal = journal;
    }

    /**
     * After a restart: tracks again every action the journal holds open, with its deadline
     * recomputed from its expiry and the current clocks; returns them for the local users.
     */
    public List<ActionJournal.Open> resume(long nowNanos, long nowWallMillis) {
        List<ActionJournal.Open> open = journal.open();
        for (ActionJournal.Open o : open) {
            if (!actions.containsKey(o.request().requestId()) && !o.history().isEmpty()) {
                actions.put(o.request().requestId(), new Tracked(o.request(), List.copyOf(o.history()),
                        deadline(o.request(), nowNanos, nowWallMillis), Long.MIN_VALUE));
            }
        }
        return open;
    }

    private long deadline(ActionRequest request, long nowNanos, long nowWallMillis) {
        long remainingMillis = Math.max(0, request.expiryWallMillis() - nowWallMillis);
        return nowNanos + Math.multiplyExact(remainingMillis, 1_000_000L) + graceNanos;
    }

    /** Starts tracking {@code request}, sent now; returns its PENDING status. */
    public ActionStatus track(ActionRequest request, long nowNanos, long nowWallMillis) {
        if (actions.containsKey(request.requestId())) {
            throw new IllegalArgumentException("request id already tracked: " + request.requestId());
        }
        ActionStatus pending = request.status(Status.PENDING, "", nowWallMillis);
        journal.requested(request, pending);
        actions.put(request.requestId(), new Tracked(request, List.of(pending), deadline(request, nowNanos, nowWallMillis), Long.MIN_VALUE));
        return pending;
    }

    /** Applies a status update that node {@code from} sent (the envelope's source). */
    public Update onStatus(ActionStatus status, String from, long nowNanos) {
        Tracked t = actions.get(status.requestId());
        if (t == null) {
            unknown++;
            return Update.UNKNOWN;
        }
        String target = t.request().node();
        if (!from.equals(target) || !status.node().equals(target)) {
            forged++;
            LOG.log(System.Logger.Level.WARNING, "ignored a {0} status for action {1} from {2} (naming {3}):"
                    + " only its target {4} may report on it", status.status().wire(), status.requestId(), from, status.node(), target);
            return Update.FORGED;
        }
        if (t.isFinal()) {
            late++;
            return Update.LATE;
        }
        if (status.status().rank() <= t.current().rank()) {
            duplicates++;
            return Update.DUPLICATE;
        }
        apply(t, status, nowNanos);
        return Update.APPLIED;
    }

    /** Declares EXPIRED every action past its deadline; returns those statuses. Also drops old finished ones. */
    public List<ActionStatus> expire(long nowNanos, long nowWallMillis) {
        List<ActionStatus> expired = new ArrayList<>();
        for (Tracked t : List.copyOf(actions.values())) {
            if (!t.isFinal() && nowNanos - t.deadlineNanos() >= 0) {
                ActionStatus s = t.request().status(Status.EXPIRED,
                        "no final status by the expiry: declared expired by the requester", nowWallMillis);
                apply(t, s, nowNanos);
                expired.add(s);
            } else if (t.isFinal() && nowNanos - t.finishedNanos() >= retainNanos) {
                actions.remove(t.request().requestId());
            }
        }
        return expired;
    }

    private void apply(Tracked t, ActionStatus s, long nowNanos) {
        journal.updated(s);
        List<ActionStatus> history = new ArrayList<>(t.history());
        history.add(s);
        actions.put(t.request().requestId(), new Tracked(t.request(), List.copyOf(history), t.deadlineNanos(),
                s.status().isFinal() ? nowNanos : Long.MIN_VALUE));
    }

    public Optional<Tracked> get(String requestId) {
        return Optional.ofNullable(actions.get(requestId));
    }

    public int size() {
        return actions.size();
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }

    public long unknown() {
        return unknown;
    }

    /** Statuses ignored because a node other than the action's target sent them. */
    public long forged() {
        return forged;
    }
}
