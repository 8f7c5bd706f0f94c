package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.ActionStatus.Status;

/** Whatever statuses arrive, in whatever order and however often, the requester sees a forward path with one end. */
class ActionTrackerProperties {

    @Property(tries = 500)
    void historyMovesForwardAndEndsAtMostOnce(@ForAll @Size(max = 12) List<Status> arriving, @ForAll boolean letItExpire) {
        ActionTracker tracker = new ActionTracker(1_000, Long.MAX_VALUE / 4);
        ActionRequest req = new ActionRequest("r", "a", "b", "t", "x", "", 2_000_000_000_000L);
        tracker.track(req, 0, 1_999_999_999_000L);
        long now = 0;
        for (Status s : arriving) {
            tracker.onStatus(req.status(s, "", 0), "b", ++now);
        }
        int declaredExpired = letItExpire ? tracker.expire(2_000_000_000_000L, 0).size() : 0;
        List<Status> history = tracker.get("r").orElseThrow().history().stream().map(ActionStatus::status).toList();
        assertEquals(Status.PENDING, history.getFirst());
        for (int i = 1; i < history.size(); i++) {
            assertTrue(history.get(i).rank() > history.get(i - 1).rank(), history.toString());
        }
        assertTrue(history.stream().filter(Status::isFinal).count() <= 1);
        if (letItExpire) {
            assertTrue(history.getLast().isFinal(), "expiry ends an action that had no final status");
        }
        assertEquals(arriving.size(), history.size() - 1 - declaredExpired + tracker.duplicates() + tracker.late(),
                "every arriving status is applied, or counted as duplicate or late");
    }
}
