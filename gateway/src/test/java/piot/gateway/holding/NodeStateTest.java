package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.NodeState.LatestValue;
import piot.gateway.holding.NodeState.Link;

class NodeStateTest {
    @TempDir
    Path dir;

    @Test
    void anActionIdIsClaimedOnceEvenAcrossRestartsAndKeepsItsFinalStatus() {
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            assertTrue(store.state().claimAction("req-1", "delivered").join());
            assertFalse(store.state().claimAction("req-1", "delivered").join());
            store.state().actionStatus("req-1", "completed").join();
            var e = assertThrows(CompletionException.class, () -> store.state().actionStatus("req-9", "completed").join());
            assertTrue(e.getCause().getMessage().contains("never claimed"));
        }
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            assertFalse(store.state().claimAction("req-1", "delivered").join());
            assertEquals("completed", store.state().action("req-1").orElseThrow().status());
        }
    }

    @Test
    void aRequestedActionIsJournaledWithItsStatusesAndClosesAtItsOneFinalStatus() {
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            store.state().requestedAction("a-1", "req", "pending").join();
            store.state().requestedAction("a-2", "req2", "pending").join();
            assertTrue(store.state().requestedStatus("a-1", "delivered", false).join());
            assertThrows(CompletionException.class, () -> store.state().requestedAction("a-1", "again", "pending").join());
        }
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            assertEquals(List.of("a-1", "a-2"), store.state().openRequests().stream().map(NodeState.RequestedAction::actionId).toList());
            assertEquals(List.of("pending", "delivered"), store.state().openRequests().getFirst().statuses());
            assertTrue(store.state().requestedStatus("a-1", "completed", true).join());
            assertFalse(store.state().requestedStatus("a-1", "failed", true).join(), "a second final status is refused");
            assertFalse(store.state().requestedStatus("a-9", "completed", true).join(), "unknown id");
            assertEquals(List.of("a-2"), store.state().openRequests().stream().map(NodeState.RequestedAction::actionId).toList());
            var a1 = store.state().requested("a-1").orElseThrow();
            assertEquals(List.of("pending", "delivered", "completed"), a1.statuses());
            assertTrue(a1.finished());
        }
    }

    @Test
    void linksAndLatestValuesAreRemembered() {
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            store.state().saveLink(new Link("barn", "192.168.1.20:7420", "CN=barn", true, 0)).join();
            store.state().seen("barn", 1234).join();
            store.state().putLatest(new LatestValue("air", "temperature", "21.4", "°C", 2000)).join();
            store.state().putLatest(new LatestValue("air", "temperature", "19.0", "°C", 1000)).join();
        }
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            assertEquals(List.of(new Link("barn", "192.168.1.20:7420", "CN=barn", true, 1234)), store.state().links());
            assertEquals(List.of(new LatestValue("air", "temperature", "21.4", "°C", 2000)), store.state().latestValues(),
                    "an older reading does not overwrite a newer one");
        }
    }
}
