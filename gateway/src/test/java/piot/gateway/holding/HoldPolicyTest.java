package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static piot.gateway.holding.Stores.bytes;
import static piot.gateway.holding.Stores.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.LinkStore.Held;
import piot.time.ManualClock;

class HoldPolicyTest {
    @TempDir
    Path dir;

    private final ManualClock clock = Stores.clock();

    private NodeStore open(long maxMessages, long maxBytes, Overflow overflow) {
        return Stores.open(dir, HoldingConfig.defaults().withGroupCommit(Duration.ZERO).withLimits(maxMessages, maxBytes, overflow), clock);
    }

    private static List<String> held(SqliteLinkStore q, String peer) {
        return q.pending(peer, 0, 1000).stream().map(Held::message).map(Stores::text).toList();
    }

    @Test
    void dropOldestKeepsTheNewestMessagesAndCountsOverflow() {
        try (NodeStore store = open(3, 1 << 20, Overflow.DROP_OLDEST)) {
            SqliteLinkStore q = store.linkStore();
            for (int i = 1; i <= 5; i++) {
                q.append("barn", bytes("m" + i)).join();
            }
            assertEquals(List.of("m3", "m4", "m5"), held(q, "barn"));
            assertEquals(2, store.stats().peer("barn").dropped().get(DropReason.OVERFLOW));
            assertEquals(3, store.stats().peer("barn").depth());
        }
    }

    @Test
    void dropNewestRefusesTheNewMessageSoItsProducerIsNotAcknowledged() {
        try (NodeStore store = open(3, 1 << 20, Overflow.DROP_NEWEST)) {
            SqliteLinkStore q = store.linkStore();
            for (int i = 1; i <= 3; i++) {
                q.append("barn", bytes("m" + i)).join();
            }
            var refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> q.append("barn", bytes("m4")).join());
            assertInstanceOf(HoldingFullException.class, refused.getCause());
            assertEquals(new AppendResult.Dropped(DropReason.OVERFLOW), q.append(Append.event("barn", bytes("m5"))).join());
            assertEquals(List.of("m1", "m2", "m3"), held(q, "barn"));
            assertEquals(2, store.stats().peer("barn").dropped().get(DropReason.OVERFLOW));
            assertEquals(3, q.lastAssigned("barn"), "a refused message takes no sequence");
        }
    }

    @Test
    void theByteLimitCountsTooAndAMessageLargerThanItIsRefused() {
        try (NodeStore store = open(1000, 10, Overflow.DROP_OLDEST)) {
            SqliteLinkStore q = store.linkStore();
            q.append("barn", bytes("aaaa")).join();
            q.append("barn", bytes("bbbb")).join();
            q.append("barn", bytes("cccc")).join();
            assertEquals(List.of("bbbb", "cccc"), held(q, "barn"));
            assertEquals(8, store.stats().peer("barn").bytes());
            assertEquals(new AppendResult.Dropped(DropReason.OVERFLOW), q.append(Append.event("barn", bytes("x".repeat(11)))).join());
            assertEquals(List.of("bbbb", "cccc"), held(q, "barn"));
        }
    }

    @Test
    void expiredMessagesAreNotDeliveredAndArePurgedAsTtlPerMessageType() {
        try (NodeStore store = open(1000, 1 << 20, Overflow.DROP_OLDEST)) {
            SqliteLinkStore q = store.linkStore();
            q.append(Append.action("barn", bytes("pump on"))).join();
            q.append(Append.event("barn", bytes("temp"))).join();
            q.append(new Append("barn", bytes("status"), MessageKind.CONTROL, HoldPolicy.ALL, null)).join();
            clock.advanceMillis(Duration.ofHours(1).toMillis() + 1);
            assertEquals(List.of("temp", "status"), held(q, "barn"));
            clock.advanceMillis(Duration.ofDays(7).toMillis());
            assertEquals(List.of("status"), held(q, "barn"));
            q.purgeExpired().join();
            HoldingStats.PeerStats s = store.stats().peer("barn");
            assertEquals(2, s.dropped().get(DropReason.TTL));
            assertEquals(1, s.depth());
        }
    }

    @Test
    void latestKeepsOnlyTheNewestUnsentReadingPerConflationKey() {
        try (NodeStore store = open(1000, 1 << 20, Overflow.DROP_OLDEST)) {
            SqliteLinkStore q = store.linkStore();
            q.append(Append.latest("barn", bytes("t=20.0"), "air/temperature")).join();
            q.append(Append.latest("barn", bytes("h=40"), "air/humidity")).join();
            q.append("barn", bytes("door")).join();
            q.append(Append.latest("barn", bytes("t=20.5"), "air/temperature")).join();
            q.append(Append.latest("barn", bytes("t=21.0"), "air/temperature")).join();
            q.append(Append.latest("shed", bytes("t=9.0"), "air/temperature")).join();
            assertEquals(List.of("h=40", "door", "t=21.0"), held(q, "barn"));
            assertEquals(List.of("t=9.0"), held(q, "shed"), "conflation is per peer");
            assertEquals(2, store.stats().peer("barn").dropped().get(DropReason.CONFLATED));
            assertEquals(2, store.stats().dropped(DropReason.CONFLATED));
        }
    }

    @Test
    void dropCountersSurviveARestart() {
        try (NodeStore store = open(1, 1 << 20, Overflow.DROP_OLDEST)) {
            store.linkStore().append("barn", bytes("a")).join();
            store.linkStore().append("barn", bytes("b")).join();
        }
        try (NodeStore store = open(1, 1 << 20, Overflow.DROP_OLDEST)) {
            assertEquals(1, store.stats().peer("barn").dropped().get(DropReason.OVERFLOW));
            assertEquals(List.of("b"), held(store.linkStore(), "barn"));
            assertEquals("b", text(store.linkStore().pending("barn", 0, 1).get(0).message()));
        }
    }
}
