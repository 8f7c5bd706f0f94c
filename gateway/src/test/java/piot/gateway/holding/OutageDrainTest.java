package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.LinkStore.Held;

/** The link is down while producers keep appending; when it comes back, holding drains in order. */
class OutageDrainTest {
    @TempDir
    Path dir;

    @Test
    void everythingAcceptedDuringAnOutageIsDeliveredInOrderAfterIt() throws InterruptedException {
        try (NodeStore store = NodeStore.open(dir, HoldingConfig.defaults(), piot.time.Clock.system())) {
            SqliteLinkStore q = store.linkStore();
            long fillStart = System.nanoTime();
            List<Long> acked = Producers.run(q, "barn", 16, 250, 120);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            assertEquals(4000, store.stats().peer("barn").depth());

            long drainStart = System.nanoTime();
            Set<Long> delivered = new HashSet<>();
            long after = 0;
            for (int guard = 0; guard < 10_000; guard++) {
                List<Held> batch = q.pending("barn", after, 256);
                if (batch.isEmpty()) {
                    break;
                }
                for (Held h : batch) {
                    assertTrue(h.seq() > after, "in order");
                    assertTrue(delivered.add(h.seq()), "once");
                    after = h.seq();
                }
                q.confirm("barn", after);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            assertEquals(new HashSet<>(acked), delivered, "every acknowledged message was delivered");
            assertEquals(0, store.stats().peer("barn").depth());
            System.out.printf("outage: held %d messages in %.2f s (%.0f appends/s, 16 producers, group commit 5 ms);"
                    + " drained in %.2f s (%.0f messages/s, batches of 256)%n",
                    acked.size(), fillSeconds, acked.size() / fillSeconds, drainSeconds, delivered.size() / drainSeconds);
        }
    }
}
