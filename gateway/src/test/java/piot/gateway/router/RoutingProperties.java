package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * On random graphs of 3–6 nodes, synchronous rounds of updates settle in a bounded number of
 * rounds on the true hop counts (breadth-first distances), before and after a random link is cut.
 */
class RoutingProperties {
    private static final long SEC = 1_000_000_000L;
    private static final String[] NAMES = {"a", "b", "c", "d", "e", "f"};

    @Property(tries = 200)
    void distancesConvergeToHopCountsBeforeAndAfterACut(@ForAll("edges") List<int[]> candidate,
                                                        @ForAll @IntRange(min = 3, max = 6) int n,
                                                        @ForAll @IntRange(min = 0, max = 100) int cutPick) {
        Set<String> links = new TreeSet<>();
        for (int i = 1; i < n; i++) {
            // A random spanning tree first, so the graph is connected; then the extra edges.
            int parent = candidate.isEmpty() ? i - 1 : candidate.get(i % candidate.size())[0] % i;
            links.add(key(parent, i));
        }
        for (int[] e : candidate) {
            int a = e[0] % n;
            int b = e[1] % n;
            if (a != b) {
                links.add(key(a, b));
            }
        }
        Map<String, RoutingTable> tables = new HashMap<>();
        for (int i = 0; i < n; i++) {
            tables.put(NAMES[i], new RoutingTable(NAMES[i], 1000 * SEC, 1000 * SEC));
        }
        links.forEach(l -> {
            String[] ab = l.split("\\|");
            tables.get(ab[0]).linkUp(ab[1], 0);
            tables.get(ab[1]).linkUp(ab[0], 0);
        });
        assertTrue(settle(tables) <= n + 1);
        check(tables, links, n);

        String cut = new ArrayList<>(links).get(cutPick % links.size());
        links.remove(cut);
        String[] ab = cut.split("\\|");
        tables.get(ab[0]).linkDown(ab[1], 0);
        tables.get(ab[1]).linkDown(ab[0], 0);
        // Counting to infinity is bounded by the metric 16; split horizon makes it rarer still.
        assertTrue(settle(tables) <= RoutingTable.INFINITY + n + 1);
        check(tables, links, n);
    }

    private static String key(int a, int b) {
        return a < b ? NAMES[a] + "|" + NAMES[b] : NAMES[b] + "|" + NAMES[a];
    }

    private static int settle(Map<String, RoutingTable> tables) {
        for (int round = 1; round <= 60; round++) {
            record Msg(String from, String to, RouterMessage.RoutingUpdate u) {}
            List<Msg> msgs = new ArrayList<>();
            tables.forEach((name, t) -> t.neighbours().forEach(nb -> msgs.add(new Msg(name, nb, t.advertisementFor(nb)))));
            boolean changed = false;
            for (Msg m : msgs) {
                changed |= tables.get(m.to()).onUpdate(m.from(), m.u(), round * SEC);
            }
            if (!changed) {
                return round;
            }
        }
        throw new AssertionError("no convergence in 60 rounds");
    }

    private static void check(Map<String, RoutingTable> tables, Set<String> links, int n) {
        for (int s = 0; s < n; s++) {
            Map<String, Integer> dist = bfs(NAMES[s], links);
            for (int d = 0; d < n; d++) {
                if (d != s) {
                    int expected = dist.getOrDefault(NAMES[d], RoutingTable.INFINITY);
                    assertEquals(expected, tables.get(NAMES[s]).metric(NAMES[d]), NAMES[s] + "→" + NAMES[d] + " " + links);
                }
            }
        }
    }

    private static Map<String, Integer> bfs(String from, Set<String> links) {
        Map<String, Integer> dist = new HashMap<>(Map.of(from, 0));
        ArrayDeque<String> q = new ArrayDeque<>(List.of(from));
        while (!q.isEmpty()) {
            String at = q.poll();
            for (String l : links) {
                String[] ab = l.split("\\|");
                String other = ab[0].equals(at) ? ab[1] : ab[1].equals(at) ? ab[0] : null;
                if (other != null && !dist.containsKey(other)) {
                    dist.put(other, dist.get(at) + 1);
                    q.add(other);
                }
            }
        }
        return dist;
    }

    @Provide
    Arbitrary<List<int[]>> edges() {
        return Arbitraries.integers().between(0, 5).array(int[].class).ofSize(2).list().ofMaxSize(8);
    }
}
