package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static piot.gateway.holding.Stores.bytes;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.LinkStore.Held;
import piot.time.ManualClock;

/**
 * A Pi without an RTC boots with its wall clock in 1970 (or at an old saved time) and jumps when
 * NTP syncs; a bad time source can also step it back. Holding must lose nothing to either jump:
 * TTLs are wall-clock, so a message's expiry is only trusted when it was computed on a set clock.
 */
class ClockJumpTest {
    static final long DAY = Duration.ofDays(1).toMillis();
    static final long YEAR_2026 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private NodeStore open(ManualClock clock) {
        return Stores.open(dir, HoldingConfig.defaults().withGroupCommit(Duration.ZERO), clock);
    }

    private static List<String> held(SqliteLinkStore q) {
        return q.pending("barn", 0, 1000).stream().map(Held::message).map(Stores::text).toList();
    }

    @Test
    void messagesAcceptedOnA1970ClockSurviveTheJumpToTheRealDate() {
        ManualClock clock = new ManualClock(0, 5_000); // booted: 1970-01-01T00:00:05Z
        try (NodeStore store = open(clock)) {
            SqliteLinkStore q = store.linkStore();
            q.append(Append.event("barn", bytes("t=20.1"))).join();
            q.append(Append.action("barn", bytes("pump on"))).join();
            clock.jumpWallMillis(YEAR_2026 - clock.wallMillis()); // NTP syncs: +56 years
            assertEquals(0, q.purgeExpired().join(), "nothing expired by the jump");
            assertEquals(List.of("t=20.1", "pump on"), held(q));
            assertEquals(0L, store.stats().peer("barn").dropped().getOrDefault(DropReason.TTL, 0L));
        }
    }

    @Test
    void nothingIsPurgedWhileTheClockReadsBefore2024EvenIfTheJumpWasBackwards() {
        ManualClock clock = new ManualClock(0, YEAR_2026);
        try (NodeStore store = open(clock)) {
            SqliteLinkStore q = store.linkStore();
            q.append(Append.action("barn", bytes("pump on"))).join();
            clock.jumpWallMillis(-(YEAR_2026 - 1_000)); // a bad source steps the clock back to 1970
            q.append(Append.event("barn", bytes("t=19.5"))).join();
            assertEquals(0, q.purgeExpired().join());
            assertEquals(List.of("pump on", "t=19.5"), held(q));
            clock.jumpWallMillis(YEAR_2026 - clock.wallMillis() + 2 * Duration.ofHours(1).toMillis()); // back, and 2 h on
            assertEquals(1, q.purgeExpired().join(), "only the action accepted on a set clock, now past its 1 h TTL");
            assertEquals(List.of("t=19.5"), held(q));
            assertEquals(1L, store.stats().peer("barn").dropped().get(DropReason.TTL));
        }
    }

    @Test
    void aBackwardJumpOnASetClockKeepsEveryMessageAndTheirOrderAndExpiryStillComes() {
        ManualClock clock = new ManualClock(0, YEAR_2026);
        try (NodeStore store = open(clock)) {
            SqliteLinkStore q = store.linkStore();
            q.append(Append.event("barn", bytes("a"))).join();
            clock.jumpWallMillis(-3 * DAY);
            q.append(Append.event("barn", bytes("b"))).join();
            clock.jumpWallMillis(+3 * DAY);
            q.append(Append.event("barn", bytes("c"))).join();
            assertEquals(List.of("a", "b", "c"), held(q), "sequence order, not wall order");
            q.confirm("barn", 1);
            assertEquals(List.of("b", "c"), held(q));
            clock.jumpWallMillis(+5 * DAY);
            assertEquals(List.of("c"), held(q), "b's 7-day expiry was computed on its clock reading, 3 days early");
            clock.jumpWallMillis(+3 * DAY);
            assertEquals(List.of(), held(q));
            q.purgeExpired().join();
            assertEquals(2L, store.stats().peer("barn").dropped().get(DropReason.TTL));
        }
    }
}
