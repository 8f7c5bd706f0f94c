package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import piot.gateway.router.ActionGate.Kind;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.ActionStatus.Status;
import piot.time.ManualClock;

class ActionGateTest {
    private static final long NOW = 1_763_800_000_000L; // 2025-11-22
    private final ManualClock clock = new ManualClock(0, NOW);
    private final InMemoryExecutedActions executed = new InMemoryExecutedActions();
    private final ActionGate gate = new ActionGate(executed);
    private final ActionRequest pumpOn = new ActionRequest("r-1", "controller-1", "barn-1", "pump", "set", "on", NOW + 60_000);

    private static Status status(ActionGate.Decision d) {
        return d.reply().orElseThrow().status();
    }

    @Test
    void aFreshRequestRunsOnceAndItsRetransmissionIsAnsweredWithTheSameFinalStatus() {
        var first = gate.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT);
        assertEquals(Kind.EXECUTE, first.kind());
        assertEquals(Status.DELIVERED, status(first));
        var duringRun = gate.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT);
        assertEquals(new ActionGate.Decision(Kind.DUPLICATE, Optional.empty()), duringRun);
        clock.advanceMillis(20);
        ActionStatus done = gate.completed(pumpOn, true, "pump on", clock.wallMillis());
        assertEquals(Status.COMPLETED, done.status());
        assertEquals("pump on", done.detail());
        var again = gate.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT);
        assertEquals(new ActionGate.Decision(Kind.DUPLICATE, Optional.of(done)), again);
    }

    @Test
    void aRequestAtOrPastItsExpiryIsExpiredAndNeverRunsEvenIfTheClockStepsBack() {
        clock.advanceMillis(60_000);
        var d = gate.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT);
        assertEquals(Kind.EXPIRED, d.kind());
        assertEquals(Status.EXPIRED, status(d));
        clock.jumpWallMillis(-3_600_000); // NTP steps the clock back an hour
        var retransmitted = gate.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT);
        assertEquals(Kind.DUPLICATE, retransmitted.kind());
        assertEquals(Status.EXPIRED, status(retransmitted));
    }

    @Test
    void aMiddlewareRefusalIsFailedWithItsReasonAndRemembered() {
        var refuse = Verdict.refuse(Authorizer.CODE, "not authorized: node intruder may not actuate pump");
        var d = gate.decide(pumpOn, clock.wallMillis(), refuse);
        assertEquals(Kind.REFUSED, d.kind());
        assertEquals(Status.FAILED, status(d));
        assertEquals("not authorized: node intruder may not actuate pump", d.reply().orElseThrow().detail());
        assertEquals(Kind.DUPLICATE, gate.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT).kind());
    }

    @Test
    void anUnsynchronizedClockRefusesRatherThanRiskAStaleCommand() {
        var d = gate.decide(pumpOn, 86_400_000L /* 1970-01-02: no RTC, no NTP yet */, Verdict.ACCEPT);
        assertEquals(Kind.REFUSED, d.kind());
        assertTrue(d.reply().orElseThrow().detail().startsWith("clock not synchronized"));
    }

    @Test
    void aRestartWhileRunningAnswersFailedOutcomeUnknownAndDoesNotRunAgain() {
        gate.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT);
        ActionGate afterRestart = new ActionGate(executed); // same durable store, new process
        var d = afterRestart.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT);
        assertEquals(Kind.DUPLICATE, d.kind());
        assertEquals(Status.FAILED, status(d));
        assertTrue(d.reply().orElseThrow().detail().startsWith("outcome unknown"));
        assertEquals(d, afterRestart.decide(pumpOn, clock.wallMillis(), Verdict.ACCEPT), "one final status only");
    }

    @Test
    void completingARequestThatIsNotRunningIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> gate.completed(pumpOn, true, "", NOW));
    }
}
