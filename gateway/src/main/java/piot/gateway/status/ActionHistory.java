package piot.gateway.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An action and every status update it has had so far, oldest first.
 *
 * @param id        action id
 * @param node      node of the thing
 * @param thing     thing id
 * @param action    action name
 * @param value     the requested value or {@code null}
 * @param expiresAt when it expires (wall clock)
 * @param updates   status updates, oldest first; never empty (starts with pending)
 */
public record ActionHistory(String id, String node, String thing, String action, Object value, Instant expiresAt,
                            List<Update> updates) {
    public ActionHistory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
        updates = List.copyOf(updates);
        if (updates.isEmpty()) throw new IllegalArgumentException("an action has at least one status");
    }

    /** The latest status. */
    public ActionStatus status() {
        return updates.getLast().status();
    }

    /**
     * One status update.
     *
     * @param status the status
     * @param at     when it was recorded (wall clock)
     * @param detail a reason for failed/expired, or other detail; empty when none
     */
    public record Update(ActionStatus status, Instant at, String detail) {
        public Update {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
            detail = detail == null ? "" : detail;
        }
    }
}
