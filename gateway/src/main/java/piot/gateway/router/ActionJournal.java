package piot.gateway.router;

import java.util.List;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;

/**
 * The requester's durable record of the actions it asked for, so that after a restart the
 * {@link ActionTracker} resumes tracking them: late status updates still land, the local expiry
 * still fires, and exactly one final status is recorded per action. Holding implements it over
 * SQLite; {@link #NONE} keeps nothing (tests, and gateways without a store).
 */
public interface ActionJournal {
    /** A journaled action not finished yet: its request and statuses so far, oldest first. */
    record Open(ActionRequest request, List<ActionStatus> history) {}

    /** A new request and its PENDING status; durable before the request is sent. */
    void requested(ActionRequest request, ActionStatus pending);

    /** A status the tracker applied (a forward move); a final one closes the entry. */
    void updated(ActionStatus status);

    /** The unfinished actions, oldest first, to resume after a restart. */
    List<Open> open();

    /** Keeps nothing. */
    ActionJournal NONE = new ActionJournal() {
        @Override
        public void requested(ActionRequest request, ActionStatus pending) {}

        @Override
        public void updated(ActionStatus status) {}

        @Override
        public List<Open> open() {
            return List.of();
        }
    };
}
