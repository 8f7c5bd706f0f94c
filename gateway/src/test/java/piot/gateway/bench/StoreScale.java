package piot.gateway.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.holding.Overflow;
import piot.gateway.holding.SqliteLinkStore;
import piot.gateway.mesh.MeshSettings;
import piot.gateway.mesh.LinkStore;
import piot.time.Clock;

/**
 * Benchmark 3: holding alone with a backlog of {@code n} messages for one peer. Appends with up to
 * 1,000 waiting for their commit (as many producers would), closes, reopens (start-up time, DB
 * size), then drains as a session does: pending (one send window, 1024) and confirm each window.
 */
final class StoreScale {
    record Result(long n, double appendRate, double drainRate, long dbBytes, double openMillis) {}

    private StoreScale() {}

    static Result run(Path root, HoldingConfig base, int n, int bodyBytes) throws Exception {
        Path dir = Temp.dir(root, "scale-");
        // Limits above the backlog so nothing is dropped; the defaults (100k) would cap the 1M case.
        HoldingConfig holding = base.withLimits(Math.max(n * 2L, 1), Long.MAX_VALUE / 4, Overflow.DROP_OLDEST);
        try {
            byte[] body = new byte[bodyBytes];
            double appendRate;
            try (NodeStore store = NodeStore.open(dir, holding, Clock.system())) {
                SqliteLinkStore links = store.linkStore();
                Semaphore window = new Semaphore(1_000);
                long t0 = System.nanoTime();
                CompletableFuture<?> last = null;
                for (int i = 0; i < n; i++) {
                    window.acquire();
                    last = links.append("peer", body).whenComplete((s, e) -> window.release());
                }
                window.acquire(1_000);
                last.join();
                appendRate = n * 1e9 / (System.nanoTime() - t0);
            }
            long t1 = System.nanoTime();
            NodeStore reopened = NodeStore.open(dir, holding, Clock.system());
            double openMillis = (System.nanoTime() - t1) / 1e6;
            long dbBytes = Temp.sizeOf(dir);
            double drainRate;
            try (reopened) {
                SqliteLinkStore links = reopened.linkStore();
                long t2 = System.nanoTime();
                long drained = 0;
                long after = 0;
                for (long round = 0; round <= n; round++) {
                    List<LinkStore.Held> batch = links.pending("peer", after, MeshSettings.Tuning.DEFAULT.window());
                    if (batch.isEmpty()) {
                        break;
                    }
                    after = batch.get(batch.size() - 1).seq();
                    links.confirm("peer", after);
                    drained += batch.size();
                }
                drainRate = drained * 1e9 / (System.nanoTime() - t2);
                if (drained != n) {
                    throw new IllegalStateException("drained " + drained + " of " + n + " held messages");
                }
            }
            return new Result(n, appendRate, drainRate, dbBytes, openMillis);
        } finally {
            Temp.delete(dir);
        }
    }
}
