package piot.gateway.bench;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import piot.gateway.holding.HoldingConfig;

/** Benchmark 2, piot side: the receiving node shuts down for the cut and restarts on its store. */
final class MeshOutage {
    private MeshOutage() {}

    static Outage.Result run(Path root, HoldingConfig holding, int rate, int seconds, int cut, int drainCap, int bodyBytes)
            throws Exception {
        try (MeshPair pair = new MeshPair(root, holding)) {
            if (!Await.until(() -> !pair.sender.sessions().isEmpty(), 20_000_000_000L)) {
                throw new IllegalStateException("the two mesh nodes did not connect within 20 s");
            }
            byte[] body = new byte[bodyBytes];
            AtomicLong acked = new AtomicLong();
            Semaphore outstanding = new Semaphore(10_000);
            Outage.Result r = Outage.run(new Outage.Subject() {
                @Override
                public void send(long n) throws InterruptedException {
                    outstanding.acquire();
                    pair.send(n, body).whenComplete((seq, e) -> {
                        outstanding.release();
                        if (e == null) {
                            acked.incrementAndGet();
                        }
                    });
                }

                @Override
                public void cut() {
                    pair.stopReceiver();
                }

                @Override
                public void restore() throws Exception {
                    pair.restartReceiver();
                }

                @Override
                public Tally tally() {
                    return pair.app.tally;
                }

                @Override
                public long acked() {
                    return acked.get();
                }

                @Override
                public long stillHeld() {
                    return pair.heldAtSender();
                }
            }, rate, seconds, cut, drainCap);
            return r;
        }
    }
}
