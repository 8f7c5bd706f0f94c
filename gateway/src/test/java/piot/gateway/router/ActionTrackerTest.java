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
        assertEquals(Update.APPLIED, tracker.onStatus(st(Status.DELIVERED), "barn-1", clock.nanoTime()));
        assertEquals(Update.DUPLICATE, tracker.onStatus(st(Status.DELIVERED), "barn-1", clock.nanoTime()));
        assertEquals(Update.DUPLICATE, tracker.onStatus(st(Status.PENDING), "barn-1", clock.nanoTime()));
        assertEquals(Update.APPLIED, tracker.onStatus(st(Status.COMPLETED), "barn-1", clock.nanoTime()));
        assertEquals(Update.LATE, tracker.onStatus(st(Status.FAILED), "barn-1", clock.nanoTime()));
        assertEquals(List.of(Status.PENDING, Status.DELIVERED, Status.COMPLETED), history());
        assertEquals(2, tracker.duplicates());
        assertEquals(1, tracker.late());
    }

    @Test
    void aFinalStatusMayArriveWithoutDelivered() {
        tracker.track(req, clock.nanoTime(), clock.wallMillis());
        assertEquals(Update.APPLIED, tracker.onStatus(st(Status.FAILED), "barn-1", clock.nanoTime()));
        assertEquals(Update.LATE, tracker.onStatus(st(Status.DELIVERED), "barn-1", clock.nanoTime()));
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
        assertEquals(Update.LATE, tracker.onStatus(st(Status.COMPLETED), "barn-1", clock.nanoTime()));
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
    void onlyTheTargetNodeMayReportOnItsActionAForgedStatusIsIgnoredAndCounted() {
        tracker.track(req, clock.nanoTime(), clock.wallMillis());
        assertEquals(Update.FORGED, tracker.onStatus(st(Status.COMPLETED), "mallory-1", clock.nanoTime()));
        ActionStatus namingAnother = new ActionStatus("r-1", "mallory-1", "pump", "set", Status.FAILED, "", clock.wallMillis());
        assertEquals(Update.FORGED, tracker.onStatus(namingAnother, "barn-1", clock.nanoTime()));
        assertEquals(2, tracker.forged());
        assertEquals(List.of(Status.PENDING), history(), "nothing was applied");
        assertEquals(Update.APPLIED, tracker.onStatus(st(Status.COMPLETED), "barn-1", clock.nanoTime()));
    }

    /** Keeps in memory what a durable journal would keep on disk. */
    private static final class MemoryJournal implements ActionJournal {
        final java.util.Map<String, Open> entries = new java.util.LinkedHashMap<>();
        int finals;

        public void requested(ActionRequest r, ActionStatus pending) {
            entries.put(r.requestId(), new Open(r, List.of(pending)));
        }

        public void updated(ActionStatus s) {
            Open o = entries.get(s.requestId());
            List<ActionStatus> h = new java.util.ArrayList<>(o.history());
            h.add(s);
            entries.put(s.requestId(), new Open(o.request(), h));
            finals += s.status().isFinal() ? 1 : 0;
        }

        public List<Open> open() {
            return entries.values().stream().filter(o -> !o.history().getLast().status().isFinal()).toList();
        }
    }

    @Test
    void afterARestartTheJournaledActionResumesSoALateStatusLandsAndOneFinalStatusIsRecorded() {
        MemoryJournal journal = new MemoryJournal();
        ActionTracker before = new ActionTracker(GRACE, 600_000_000_000L, journal);
        before.track(req, clock.nanoTime(), clock.wallMillis());
        before.onStatus(st(Status.DELIVERED), "barn-1", clock.nanoTime());
        ManualClock rebooted = new ManualClock(0, NOW + 10_000); // monotonic starts again at 0
        ActionTracker after = new ActionTracker(GRACE, 600_000_000_000L, journal);
        assertEquals(1, after.resume(rebooted.nanoTime(), rebooted.wallMillis()).size());
        assertEquals(Update.APPLIED, after.onStatus(st(Status.COMPLETED), "barn-1", rebooted.nanoTime()));
        assertEquals(Update.LATE, after.onStatus(st(Status.COMPLETED), "barn-1", rebooted.nanoTime()));
        assertEquals(List.of(Status.PENDING, Status.DELIVERED, Status.COMPLETED),
                journal.entries.get("r-1").history().stream().map(ActionStatus::status).toList());
        assertEquals(1, journal.finals);
        assertEquals(List.of(), new ActionTracker(GRACE, 1, journal).resume(0, NOW), "a finished action is not resumed");
    }

    @Test
    void aResumedActionStillExpiresLocallyByItsOriginalExpiry() {
        MemoryJournal journal = new MemoryJournal();
        new ActionTracker(GRACE, 600_000_000_000L, journal).track(req, clock.nanoTime(), clock.wallMillis());
        ManualClock rebooted = new ManualClock(0, NOW + 50_000);
        ActionTracker after = new ActionTracker(GRACE, 600_000_000_000L, journal);
        after.resume(rebooted.nanoTime(), rebooted.wallMillis());
        rebooted.advanceMillis(14_999);
        assertEquals(List.of(), after.expire(rebooted.nanoTime(), rebooted.wallMillis()));
        rebooted.advanceMillis(1);
        assertEquals(Status.EXPIRED, after.expire(rebooted.nanoTime(), rebooted.wallMillis()).getFirst().status());
        assertEquals(List.of(), journal.open());
    }

    @Test
    void statusesForUnknownRequestsAreCountedAndFinishedOnesAreForgottenAfterRetention() {
        assertEquals(Update.UNKNOWN, tracker.onStatus(st(Status.COMPLETED), "barn-1", 0));
        tracker.track(req, clock.nanoTime(), clock.wallMillis());
        tracker.onStatus(st(Status.COMPLETED), "barn-1", clock.nanoTime());
        clock.advanceMillis(600_000);
        tracker.expire(clock.nanoTime(), clock.wallMillis());
        assertEquals(0, tracker.size());
        assertEquals(1, tracker.unknown());
        assertTrue(tracker.get("r-1").isEmpty());
    }
}
