package piot.gateway.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import piot.gateway.router.RoutingTable;
import piot.gateway.status.ThingInfo;

/**
 * Benchmark 6, nodes: {@code n} gateways in a line in this JVM, each with one simulated pump. Times
 * from the moment all are started until the first one's directory lists every other node's pump
 * (routes learnt hop by hop, then the Thing Descriptions relayed back), up to a cap; and the heap
 * in use afterwards. Distance-vector routing counts hops up to {@link RoutingTable#INFINITY}, so a
 * line longer than that cannot converge end to end: the result then says how many it reached.
 */
final class Convergence {
    record Result(int nodes, int reached, double seconds, double heapMiB, double startSeconds) {
        boolean converged() {
            return reached == nodes - 1;
        }

        @Override
        public String toString() {
            return nodes + " nodes: reached " + reached + " in " + Summary.num(seconds) + " s, heap " + Summary.num(heapMiB) + " MiB";
        }
    }

    private Convergence() {}

    static Result run(Path root, int n, int capSeconds) throws Exception {
        Path dir = Temp.dir(root, "line-" + n + "-");
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = String.format("node-%02d", i);
        }
        long t0 = System.nanoTime();
        try (GatewayLine line = new GatewayLine(dir, names, i -> "actuators:\n  - { id: pump, type: gpio-output, pin: 27, safe_state: off }\n")) {
            long started = System.nanoTime();
            long deadline = started + TimeUnit.SECONDS.toNanos(capSeconds);
            int reached = 0;
            long at = started;
            for (long poll = 0; poll < Long.MAX_VALUE && System.nanoTime() < deadline; poll++) {
                int now = (int) line.first().runtime().status().things().stream().map(ThingInfo::node)
                        .filter(node -> !node.equals(names[0])).distinct().count();
                if (now > reached) {
                    reached = now;
                    at = System.nanoTime();
                }
                if (reached == n - 1) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            double heap = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            return new Result(n, reached, (at - started) / 1e9, heap, (started - t0) / 1e9);
        } finally {
            Temp.delete(dir);
        }
    }
}
