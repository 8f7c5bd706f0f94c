package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import piot.gateway.router.RouterMessage.RoutingUpdate;

/**
 * Whole networks of routing tables exchanging updates in synchronous rounds (every node tells every
 * neighbour its table, then all updates are applied), on line, star and ring topologies.
 */
class RoutingSimulationTest {
    private static final long SEC = 1_000_000_000L;

    /** A network of routing tables; links are undirected. */
    static final class Net {
        final Map<String, RoutingTable> tables = new LinkedHashMap<>();
        final Set<String> links = new TreeSet<>();
        long now;

        Net(String... nodes) {
            for (String n : nodes) {
                tables.put(n, new RoutingTable(n, 180 * SEC, 120 * SEC));
            }
        }

        Net link(String a, String b) {
            links.add(key(a, b));
            tables.get(a).linkUp(b, now);
            tables.get(b).linkUp(a, now);
            return this;
        }

        void cut(String a, String b) {
            links.remove(key(a, b));
            tables.get(a).linkDown(b, now);
            tables.get(b).linkDown(a, now);
        }

        private static String key(String a, String b) {
            return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
        }

        /** One round; true when any table changed. */
        boolean round() {
            now += SEC;
            record Msg(String from, String to, RoutingUpdate u) {}
            List<Msg> msgs = new ArrayList<>();
            tables.forEach((name, t) -> t.neighbours().forEach(n -> msgs.add(new Msg(name, n, t.advertisementFor(n)))));
            boolean changed = false;
            for (Msg m : msgs) {
                changed |= tables.get(m.to()).onUpdate(m.from(), m.u(), now);
            }
            return changed;
        }

        /** Rounds until nothing changes; bounded, and fails if it does not settle. */
        int converge() {
            for (int i = 1; i <= 40; i++) {
                if (!round()) {
                    return i;
                }
            }
            throw new AssertionError("did not converge in 40 rounds");
        }

        Optional<String> hop(String from, String to) {
            return tables.get(from).nextHop(to);
        }

        int metric(String from, String to) {
            return tables.get(from).metric(to);
        }
    }

    @Test
    void aLineOfFiveConvergesToHopCountsWithinItsDiameter() {
        Net net = new Net("a", "b", "c", "d", "e").link("a", "b").link("b", "c").link("c", "d").link("d", "e");
        int rounds = net.converge();
        assertTrue(rounds <= 5, "rounds " + rounds);
        assertEquals(4, net.metric("a", "e"));
        assertEquals(Optional.of("b"), net.hop("a", "e"));
        assertEquals(Optional.of("d"), net.hop("e", "a"));
        assertEquals(2, net.metric("c", "a"));
    }

    @Test
    void aStarRoutesEveryLeafThroughTheHub() {
        Net net = new Net("hub", "l1", "l2", "l3", "l4").link("hub", "l1").link("hub", "l2").link("hub", "l3").link("hub", "l4");
        net.converge();
        for (String a : List.of("l1", "l2", "l3", "l4")) {
            for (String b : List.of("l1", "l2", "l3", "l4")) {
                if (!a.equals(b)) {
                    assertEquals(Optional.of("hub"), net.hop(a, b));
                    assertEquals(2, net.metric(a, b));
                }
            }
        }
    }

    @Test
    void cuttingTheEndOfALineMakesItUnreachableEverywhereWithoutCountingToInfinity() {
        Net net = new Net("a", "b", "c", "d").link("a", "b").link("b", "c").link("c", "d");
        net.converge();
        Map<String, Integer> before = new LinkedHashMap<>();
        net.tables.forEach((n, t) -> before.put(n, t.metric("d")));
        net.cut("c", "d");
        int rounds = 0;
        do {
            rounds++;
            assertTrue(rounds <= 4, "still changing after 4 rounds");
            // No node ever believes in a longer path to d than it had: the bad news travels as 16.
            net.tables.forEach((n, t) -> assertTrue(t.metric("d") == 16 || t.metric("d") <= before.get(n),
                    n + " counted up to " + t.metric("d")));
        } while (net.round());
        for (String n : List.of("a", "b", "c")) {
            assertEquals(16, net.metric(n, "d"), n);
            assertEquals(Optional.empty(), net.hop(n, "d"));
        }
    }

    @Test
    void cuttingALinkOfARingReroutesTheLongWayRound() {
        Net net = new Net("a", "b", "c", "d").link("a", "b").link("b", "c").link("c", "d").link("d", "a");
        net.converge();
        assertEquals(Optional.of("b"), net.hop("a", "b"));
        net.cut("a", "b");
        int rounds = net.converge();
        assertTrue(rounds <= 5, "rounds " + rounds);
        assertEquals(Optional.of("d"), net.hop("a", "b"));
        assertEquals(3, net.metric("a", "b"));
        assertEquals(Optional.of("c"), net.hop("b", "a"));
    }

    @Test
    void aHubFailureLeavesTheLeavesUnreachableToEachOtherAndTheyRecoverWhenItReturns() {
        Net net = new Net("hub", "l1", "l2", "l3").link("hub", "l1").link("hub", "l2").link("hub", "l3");
        net.converge();
        net.cut("hub", "l1");
        net.converge();
        assertEquals(16, net.metric("l2", "l1"));
        assertEquals(16, net.metric("l1", "l3"));
        net.link("hub", "l1");
        net.converge();
        assertEquals(2, net.metric("l2", "l1"));
        assertEquals(Optional.of("hub"), net.hop("l1", "l3"));
    }

    @Test
    void aSilentNeighbourRoutesTimeOut() {
        Net net = new Net("a", "b", "c").link("a", "b").link("b", "c");
        net.converge();
        // b stops sending (no rounds), the session still looks up: only the route timeout helps.
        RoutingTable a = net.tables.get("a");
        assertTrue(a.expire(net.now + 180 * SEC));
        assertEquals(16, a.metric("c"));
    }
}
