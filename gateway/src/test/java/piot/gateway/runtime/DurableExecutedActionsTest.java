package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.time.ManualClock;

/** Exactly-once claims stay durable while the in-memory copy of final statuses stays bounded. */
class DurableExecutedActionsTest {
    @TempDir
    Path dir;

    @Test
    void finalStatusesBeyondTheCacheAreAnsweredFromTheTableAndMemoryStaysBounded() {
        ManualClock clock = new ManualClock(0, 1_790_000_000_000L);
        int n = DurableExecutedActions.CACHED * 3;
        try (NodeStore store = NodeStore.open(dir, HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), clock)) {
            DurableExecutedActions executed = new DurableExecutedActions(store.state());
            for (int i = 0; i < n; i++) {
                String id = "req-" + i;
                assertTrue(executed.markIfNew(id));
                executed.recordFinal(status(id, "ok " + i));
            }
            assertEquals(DurableExecutedActions.CACHED, executed.cached());
            for (int i : new int[] {0, 1, n / 2, n - 1}) {
                assertFalse(executed.markIfNew("req-" + i), "claimed once, ever");
                assertEquals("ok " + i, executed.finalStatus("req-" + i).orElseThrow().detail(), "req-" + i);
            }
            assertTrue(executed.finalStatus("req-never").isEmpty());
        }
        try (NodeStore store = NodeStore.open(dir, HoldingConfig.defaults(), clock)) {
            DurableExecutedActions again = new DurableExecutedActions(store.state());
            assertEquals("ok 0", again.finalStatus("req-0").orElseThrow().detail(), "after a restart too");
            assertFalse(again.markIfNew("req-0"));
        }
    }

    private static ActionStatus status(String id, String detail) {
        return new ActionStatus(id, "greenhouse-1", "pump", "switch", ActionStatus.Status.COMPLETED, detail, 1_790_000_000_000L);
    }
}
