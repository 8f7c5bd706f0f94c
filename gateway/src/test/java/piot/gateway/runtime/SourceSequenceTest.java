package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.time.ManualClock;

class SourceSequenceTest {
    private static final long WALL = 1_790_000_000_000L; // 2026-09

    @TempDir
    Path dir;

    private static NodeStore open(Path d, ManualClock clock) {
        return NodeStore.open(d, HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(1)), clock);
    }

    @Test
    void aNodeWhoseDataDirWasWipedStartsAboveEverySequenceItsPeersSawFromIt() {
        ManualClock clock = new ManualClock(0, WALL);
        long lastOfOldLife;
        try (NodeStore receiver = open(dir.resolve("receiver"), clock)) {
            try (NodeStore old = open(dir.resolve("old-card"), clock)) {
                SourceSequence s = new SourceSequence(old.linkStore(), clock);
                long first = s.next();
                lastOfOldLife = s.next();
                assertTrue(lastOfOldLife > first);
                assertTrue(receiver.linkStore().acceptOnce("n5", lastOfOldLife).join());
            }
            clock.advanceMillis(5_000); // swapping the card takes a while
            try (NodeStore fresh = open(dir.resolve("new-card"), clock)) {
                long firstOfNewLife = new SourceSequence(fresh.linkStore(), clock).next();
                assertTrue(firstOfNewLife > lastOfOldLife, firstOfNewLife + " must be above " + lastOfOldLife);
                assertTrue(receiver.linkStore().acceptOnce("n5", firstOfNewLife).join(), "the receiver's dedupe accepts the new epoch");
                assertTrue(!receiver.linkStore().acceptOnce("n5", lastOfOldLife).join(), "and still refuses the old life's replays");
            }
        }
    }

    @Test
    void theStoredEpochKeepsGrowingWhenTheWallClockStepsBackOrRestartsComeWithinASecond() {
        ManualClock clock = new ManualClock(0, WALL);
        long previous = 0;
        for (int run = 0; run < 3; run++) { // three restarts within the same second
            try (NodeStore s = open(dir.resolve("data"), clock)) {
                long seq = new SourceSequence(s.linkStore(), clock).next();
                assertTrue(seq > previous, "run " + run + ": " + seq + " after " + previous);
                previous = seq;
            }
        }
        clock.jumpWallMillis(-Duration.ofDays(400).toMillis()); // a Pi without RTC, before NTP
        try (NodeStore s = open(dir.resolve("data"), clock)) {
            SourceSequence seq = new SourceSequence(s.linkStore(), clock);
            assertTrue(seq.next() > previous);
            assertEquals(SourceSequence.wallEpoch(WALL) + 3, seq.epoch(), "stored epoch + 1, not the clock");
        }
    }

    @Test
    void theEpochIsSecondsSince2020ByTheWallClock() {
        assertEquals(0, SourceSequence.wallEpoch(0));
        assertEquals(0, SourceSequence.wallEpoch(SourceSequence.EPOCH_ORIGIN_WALL_MILLIS));
        assertEquals(86_400, SourceSequence.wallEpoch(SourceSequence.EPOCH_ORIGIN_WALL_MILLIS + 86_400_999));
        ManualClock clock = new ManualClock(0, WALL);
        try (NodeStore s = open(dir.resolve("data"), clock)) {
            SourceSequence seq = new SourceSequence(s.linkStore(), clock);
            assertEquals(SourceSequence.wallEpoch(WALL), seq.epoch());
            assertEquals((seq.epoch() << 32) | 1, seq.next());
        }
    }
}
