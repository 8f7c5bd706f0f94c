package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import piot.gateway.router.RouterMessage.RoutingUpdate;

class RoutingTableTest {
    private static final long SEC = 1_000_000_000L;

    @Test
    void aNeighbourIsOneHopAwayAndThisNodeIsAdvertisedAtZero() {
        var t = new RoutingTable("a", 30 * SEC, 60 * SEC);
        assertTrue(t.linkUp("b", 0));
        assertEquals(Optional.of("b"), t.nextHop("b"));
        assertEquals(1, t.metric("b"));
        assertEquals(Map.of("a", 0, "b", 1), t.advertisementFor("c").entries());
    }

    @Test
    void routesLearnedFromANeighbourAreAdvertisedBackToItAsUnreachable() {
        var t = new RoutingTable("b", 30 * SEC, 60 * SEC);
        t.linkUp("a", 0);
        t.linkUp("c", 0);
        assertTrue(t.onUpdate("c", new RoutingUpdate(Map.of("c", 0, "d", 1)), 0));
        assertEquals(2, t.metric("d"));
        assertEquals(16, t.advertisementFor("c").entries().get("d"));
        assertEquals(2, t.advertisementFor("a").entries().get("d"));
    }

    @Test
    void aBetterRouteReplacesAWorseOneAndTheNextHopMayReportItWorse() {
        var t = new RoutingTable("a", 30 * SEC, 60 * SEC);
        t.linkUp("b", 0);
        t.linkUp("c", 0);
        t.onUpdate("b", new RoutingUpdate(Map.of("z", 5)), 0);
        assertEquals(6, t.metric("z"));
        assertTrue(t.onUpdate("c", new RoutingUpdate(Map.of("z", 2)), 0));
        assertEquals(Optional.of("c"), t.nextHop("z"));
        assertFalse(t.onUpdate("b", new RoutingUpdate(Map.of("z", 2)), 0), "equal metric keeps the route");
        assertTrue(t.onUpdate("c", new RoutingUpdate(Map.of("z", 7)), 0), "the next hop's word is taken");
        assertEquals(8, t.metric("z"));
    }

    @Test
    void updatesFromNodesThatAreNotNeighboursAreIgnored() {
        var t = new RoutingTable("a", 30 * SEC, 60 * SEC);
        assertFalse(t.onUpdate("x", new RoutingUpdate(Map.of("z", 1)), 0));
        assertEquals(16, t.metric("z"));
    }

    @Test
    void aLearnedRouteTimesOutThenIsForgotten() {
        var t = new RoutingTable("a", 30 * SEC, 60 * SEC);
        t.linkUp("b", 0);
        t.onUpdate("b", new RoutingUpdate(Map.of("c", 1)), 0);
        assertFalse(t.expire(29 * SEC));
        assertTrue(t.expire(30 * SEC));
        assertEquals(Optional.empty(), t.nextHop("c"));
        assertEquals(16, t.advertisementFor("x").entries().get("c"), "unreachable is advertised before forgetting");
        t.expire(89 * SEC);
        assertTrue(t.destinations().contains("c"));
        t.expire(90 * SEC);
        assertFalse(t.destinations().contains("c"));
        assertEquals(Optional.of("b"), t.nextHop("b"), "direct routes do not time out");
    }

    @Test
    void aRouteTheNextHopNoLongerListsIsUnreachableAtOnce() {
        var t = new RoutingTable("a", 30 * SEC, 60 * SEC);
        t.linkUp("b", 0);
        t.onUpdate("b", new RoutingUpdate(Map.of("b", 0, "c", 1)), 0);
        assertTrue(t.onUpdate("b", new RoutingUpdate(Map.of("b", 0)), SEC));
        assertEquals(16, t.metric("c"));
    }
}
