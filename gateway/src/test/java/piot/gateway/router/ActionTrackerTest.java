package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import piot.gateway.router.ActionTracker.Update;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.ActionStatus.Status;
import piot.time.ManualClock;

class ActionTrackerTest {
    private static final long NOW = 1_763_800_000_000L;
    private static final long GRACE = 5_000_000_000L;
    private final ManualClock clock = new ManualClock(0, NOW);
    private final ActionTracker tracker = new ActionTracker(GRACE, 600_000_000_000L);
    private final ActionRequest req = new ActionRequest("r-1", "controller-1", "barn-1", "pump", "set", "on", NOW + 60_000);

    private ActionStatus st(Status s) {
        return req.status(s, "", clock.wallMillis());
    }

    private List<Status> history() {
        return tracker.get("r-1").orElseThrow().history().stream().map(ActionStatus::status).toList();
    }

    @Test
    void statusesMoveForwardToExactlyOneFinalStatus() {
        assertEquals(Status.PENDING, tracker.track(req, clock.nanoTime(), clock.wallMillis()).status());
        assertEquals(Update.APPLIED, tracker.onStatus(st(Status.DELIVERED), clock.nanoTime()));
        assertEquals(Update.DUPLICATE, tracker.onStatus(st(Status.DELIVERED), clock.nanoTime()));
        assertEquals(Update.DUPLICATE, tracker.onStatus(st(Status.PENDING), clock.nanoTime()));
        assertEquals(Update.APPLIED, tracker.onStatus(st(Status.COMPLETED), clock.nanoTime()));
        assertEquals(Update.LATE, tracker.onStatus(st(Status.FAILED), clock.nanoTime()));
        assertEquals(List.of(Status.PENDING, Status.DELIVERED, Status.COMPLETED), history());
        assertEquals(2, tracker.duplicates());
        assertEquals(1, tracker.late());
    }

    @Test
    void aFinalStatusMayArriveWithoutDelivered() {
        tracker.track(req, clock.nanoTime(), clock.wallMillis());
        assertEquals(Update.APPLIED, tracker.onStatus(st(Status.FAILED), clock.nanoTime()));
        assertEquals(Update.LATE, tracker.onStatus(st(Status.DELIVERED), clock.nanoTime()));
        assertEquals(List.of(Status.PENDING, Status.FAILED), history());
    }

    @Test
    void withoutAFinalStatusItExpiresLocallyAfterExpiryPlusGraceThenIgnoresLateNews() {
        tracker.track(req, clock.nanoTime(), clock.wallMillis());
        clock.advanceMillis(64_999);
        assertEquals(List.of(), tracker.expire(clock.nanoTime(), clock.wallMillis()));
        clock.advanceMillis(1);
        List<ActionStatus> expired = tracker.expire(clock.nanoTime(), clock.wallMillis());
        assertEquals(1, expired.size());
        assertEquals(Status.EXPIRED, expired.getFirst().status());
        assertEquals(Update.LATE, tracker.onStatus(st(Status.COMPLETED), clock.nanoTime()));
        assertEquals(List.of(), tracker.expire(clock.nanoTime() + 1, clock.wallMillis()), "only once");
    }

    @Test
    void aWallClockStepNeitherFiresNorPostponesTheLocalExpiry() {
        tracker.track(req, clock.nanoTime(), clock.wallMillis());
        clock.jumpWallMillis(3_600_000);
        assertEquals(List.of(), tracker.expire(clock.nanoTime(), clock.wallMillis()));
        clock.jumpWallMillis(-7_200_000);
        clock.advanceMillis(65_000);
        assertEquals(1, tracker.expire(clock.nanoTime(), clock.wallMillis()).size());
    }

    @Test
    void statusesForUnknownRequestsAreCountedAndFinishedOnesAreForgottenAfterRetention() {
        assertEquals(Update.UNKNOWN, tracker.onStatus(st(Status.COMPLETED), 0));
        tracker.track(req, clock.nanoTime(), clock.wallMillis());
        tracker.onStatus(st(Status.COMPLETED), clock.nanoTime());
        clock.advanceMillis(600_000);
        tracker.expire(clock.nanoTime(), clock.wallMillis());
        assertEquals(0, tracker.size());
        assertEquals(1, tracker.unknown());
        assertTrue(tracker.get("r-1").isEmpty());
    }
}
