package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints appends/s with and without group commit (fsync per commit either way, synchronous=FULL).
 * Speed is reported, never asserted; what is asserted is that every append got its own sequence.
 */
class GroupCommitThroughputTest {
    @TempDir
    Path dir;

    @Test
    void measureAppendsPerSecondWithAndWithoutGroupCommit() throws InterruptedException {
        StringBuilder report = new StringBuilder("group commit, 16 producers waiting for each ack, 100-byte messages:");
        for (Duration window : List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(5))) {
            Path sub = dir.resolve("w" + window.toMillis());
            try (NodeStore store = NodeStore.open(sub, HoldingConfig.defaults().withGroupCommit(window), piot.time.Clock.system())) {
                long start = System.nanoTime();
                List<Long> acked = Producers.run(store.linkStore(), "barn", 16, 100, 100);
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(1600, new HashSet<>(acked).size());
                report.append(String.format("%n  window %3d ms: %7.0f appends/s", window.toMillis(), acked.size() / seconds));
            }
        }
        System.out.println(report);
    }
}
