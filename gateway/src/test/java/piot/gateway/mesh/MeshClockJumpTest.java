package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static piot.gateway.mesh.TestNetwork.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.time.Clock;

/**
 * A Pi without an RTC boots in 1970 and its wall clock jumps at NTP sync (and a bad time source
 * can step it back). Held messages and live sessions must not care: timeouts and heartbeats run
 * on the monotonic clock, and nothing held is expired by a jump.
 */
class MeshClockJumpTest {
    static final long YEAR_2026 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    final TestNetwork net = new TestNetwork("home");
    final List<AutoCloseable> open = new ArrayList<>();

    /** The real monotonic clock and a wall clock that a test sets and jumps. */
    static final class JumpingClock implements Clock {
        final AtomicLong offsetMillis = new AtomicLong();

        JumpingClock(long wallNow) {
            offsetMillis.set(wallNow - System.currentTimeMillis());
        }

        void jumpTo(long wall) {
            offsetMillis.set(wall - System.currentTimeMillis());
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis() + offsetMillis.get();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void messagesHeldOnA1970ClockAreAllDeliveredAfterNtpJumpsItAndJumpsBackAndForthLoseNothing() throws Exception {
        JumpingClock bravoClock = new JumpingClock(5_000); // booted without an RTC
        NodeStore store = NodeStore.open(dir.resolve("bravo"), HoldingConfig.defaults(), bravoClock);
        open.add(store);
        MeshNode bravo = MeshNode.start(net.settings("bravo"), store.linkStore(), bravoClock, d -> { });
        open.add(bravo);
        for (long i = 1; i <= 200; i++) {
            bravo.send("alpha", TestNetwork.message("bravo", "alpha", i)).join();
        }
        bravoClock.jumpTo(YEAR_2026); // NTP syncs before alpha is reachable

        TestNetwork.Recorder atAlpha = new TestNetwork.Recorder();
        JumpingClock alphaClock = new JumpingClock(YEAR_2026);
        MeshNode alpha = MeshNode.start(net.settings("alpha").withLinks(List.of(TestNetwork.linkTo(bravo))),
                new InMemoryLinkStore(), alphaClock, atAlpha);
        open.add(alpha);
        await("the 200 held messages delivered", Duration.ofSeconds(20), () -> atAlpha.count("bravo") == 200);

        long[] jumps = {YEAR_2026 - Duration.ofDays(3).toMillis(), 10_000, YEAR_2026 + Duration.ofDays(400).toMillis(), YEAR_2026};
        long next = 201;
        for (long jump : jumps) {
            bravoClock.jumpTo(jump);
            alphaClock.jumpTo(jump + 12_345);
            for (int i = 0; i < 50; i++, next++) {
                bravo.send("alpha", TestNetwork.message("bravo", "alpha", next)).join();
            }
            long expected = next - 1;
            await("delivered up to " + expected + " after a jump to " + Instant.ofEpochMilli(jump), Duration.ofSeconds(20),
                    () -> atAlpha.count("bravo") == expected);
        }
        List<Long> got = atAlpha.from("bravo");
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i + 1, got.get(i), "in order, none lost, none twice");
        }
        assertEquals(1, bravo.stats().get("sessions_up"), "one session throughout: heartbeats are monotonic");
    }
}
