package piot.gateway.bench;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import piot.gateway.holding.HoldingConfig;

/**
 * Benchmark 1, piot side: {@code n} events from alpha to bravo, as fast as the link takes them,
 * with at most {@code outstanding} appends waiting for their fsync. Timed from the first send to
 * the moment the receiver took custody of the last one; CPU is this JVM's (both nodes).
 */
final class MeshThroughput {
    private MeshThroughput() {}

    static Rate run(Path root, HoldingConfig holding, int n, int bodyBytes, int outstanding, long timeoutNanos) throws Exception {
        try (MeshPair pair = new MeshPair(root, holding)) {
            byte[] body = new byte[bodyBytes];
            if (!Await.until(() -> !pair.sender.sessions().isEmpty(), TimeUnit.SECONDS.toNanos(20))) {
                throw new IllegalStateException("the two mesh nodes did not connect within 20 s");
            }
            Semaphore inFlight = new Semaphore(outstanding);
            long cpu0 = Cpu.selfNanos();
            long t0 = System.nanoTime();
            for (long i = 1; i <= n; i++) {
                inFlight.acquire();
                pair.send(i, body).whenComplete((seq, e) -> {
                    inFlight.release();
                    if (e != null) {
                        System.err.println("bench: append failed: " + e);
                    }
                });
            }
            boolean done = Await.until(() -> pair.app.tally.distinct() >= n, timeoutNanos);
            long t1 = System.nanoTime();
            long cpu1 = Cpu.selfNanos();
            return new Rate(pair.app.tally.distinct(), t1 - t0, cpu1 - cpu0, done);
        }
    }
}
