package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static piot.gateway.holding.Stores.bytes;
import static piot.gateway.holding.Stores.text;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.LinkStore.Held;
import piot.time.ManualClock;

class SqliteLinkStoreTest {
    @TempDir
    Path dir;

    private final ManualClock clock = Stores.clock();

    @Test
    void appendsGetConsecutiveSequencesPerPeerAndArePendingInOrder() {
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            assertEquals(1L, q.append("barn", bytes("a")).join());
            assertEquals(2L, q.append("barn", bytes("b")).join());
            assertEquals(1L, q.append("shed", bytes("x")).join());
            List<Held> held = q.pending("barn", 0, 10);
            assertEquals(List.of(1L, 2L), held.stream().map(Held::seq).toList());
            assertEquals(List.of("a", "b"), held.stream().map(h -> text(h.message())).toList());
            assertEquals(List.of(2L), q.pending("barn", 1, 10).stream().map(Held::seq).toList());
            assertEquals(1, q.pending("barn", 0, 1).size());
        }
    }

    @Test
    void confirmRemovesOnlyUpToTheSequenceAndSequencesAreNeverReusedAfterRestart() {
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            for (int i = 0; i < 3; i++) {
                q.append("barn", bytes("m" + i)).join();
            }
            q.confirm("barn", 2);
            assertEquals(List.of(3L), q.pending("barn", 0, 10).stream().map(Held::seq).toList());
            q.confirm("barn", 3);
        }
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            assertEquals(3, q.lastAssigned("barn"));
            assertEquals(4L, q.append("barn", bytes("after restart")).join());
        }
    }

    @Test
    void confirmingASequenceNeverAssignedIsRefusedAndChangesNothing() {
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            q.append("barn", bytes("a")).join();
            var e = assertThrows(IllegalArgumentException.class, () -> q.confirm("barn", 5));
            assertTrue(e.getMessage().contains("only 1 were ever assigned"), e.getMessage());
            assertEquals(1, q.pending("barn", 0, 10).size());
        }
    }

    @Test
    void inboundWatermarkIsDurableAndNeverMovesBack() {
        try (NodeStore store = Stores.open(dir, clock)) {
            store.linkStore().inboundWatermark("barn", 7);
            store.linkStore().inboundWatermark("barn", 5);
            assertEquals(7, store.linkStore().inboundWatermark("barn"));
            assertEquals(0, store.linkStore().inboundWatermark("nobody"));
        }
        try (NodeStore store = Stores.open(dir, clock)) {
            assertEquals(7, store.linkStore().inboundWatermark("barn"));
        }
    }

    @Test
    void resetIsACleanSlateCountedAsSuchAndNumberingStartsAgain() {
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            q.append("barn", bytes("a")).join();
            q.append("barn", bytes("b")).join();
            q.inboundWatermark("barn", 9);
            q.reset("barn");
            assertEquals(List.of(), q.pending("barn", 0, 10));
            assertEquals(0, q.inboundWatermark("barn"));
            assertEquals(2, store.stats().peer("barn").dropped().get(DropReason.CLEAN_SLATE));
            assertEquals(0, store.stats().peer("barn").depth());
            assertEquals(1L, q.append("barn", bytes("c")).join());
            assertEquals(List.of("c"), q.pending("barn", 0, 10).stream().map(h -> text(h.message())).toList());
        }
    }

    @Test
    void aWriteRefusedForItsOwnReasonsDoesNotTakeTheRestOfItsBatchWithIt() {
        HoldingConfig wide = HoldingConfig.defaults().withGroupCommit(java.time.Duration.ofMillis(50));
        try (NodeStore store = Stores.open(dir, wide, clock)) {
            SqliteLinkStore q = store.linkStore();
            var first = q.append("barn", bytes("a"));
            // Queued back to back within one 50 ms window: one transaction, a savepoint each.
            var constraint = store.write(c -> HeldQueue.update(c, "INSERT INTO links (peer, inherit_state) VALUES ('x', NULL)"));
            var refused = store.write(c -> {
                new HeldQueue(wide).confirm(c, "barn", 99);
                return null;
            });
            var second = q.append("barn", bytes("b"));
            var e = assertThrows(java.util.concurrent.CompletionException.class, refused::join);
            assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
            var c = assertThrows(java.util.concurrent.CompletionException.class, constraint::join);
            assertTrue(c.getCause().getMessage().contains("NOT NULL"), c.getCause().getMessage());
            assertEquals(List.of(), store.state().links());
            assertEquals(1L, first.join());
            assertEquals(2L, second.join());
            assertEquals(2, q.pending("barn", 0, 10).size());
            assertEquals(new Health.Ok(), store.health());
        }
    }

    @Test
    void custodyRecordsTheDedupeMarkWatermarkAndForwardsTogetherAndRefusesDuplicates() {
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            Custody first = q.custody("barn", 4, "greenhouse-1", 10, List.of(Append.event("shed", bytes("r10")))).join();
            assertTrue(first.accepted());
            assertEquals(List.of(new AppendResult.Held(1)), first.forwards());
            Custody again = q.custody("barn", 5, "greenhouse-1", 10, List.of(Append.event("shed", bytes("r10")))).join();
            assertFalse(again.accepted());
            assertEquals(1, q.pending("shed", 0, 10).size(), "a duplicate is not forwarded twice");
            assertEquals(5, q.inboundWatermark("barn"), "the link watermark moves even for a duplicate");
            assertTrue(q.acceptOnce("greenhouse-1", 11).join());
            assertFalse(q.acceptOnce("greenhouse-1", 11).join());
        }
        try (NodeStore store = Stores.open(dir, clock)) {
            assertFalse(store.linkStore().acceptOnce("greenhouse-1", 11).join(), "dedupe marks survive a restart");
            assertTrue(store.linkStore().acceptOnce("greenhouse-1", 9).join(), "a late, reordered message is taken once");
            assertFalse(store.linkStore().acceptOnce("greenhouse-1", 9).join());
        }
    }

    @Test
    void theSeenWindowKeepsTheLatestSequencesPerSourceAndAgreesWithItsInMemoryTwinAfterARestart() {
        SeenSources twin = new SeenSources();
        java.util.Random rnd = new java.util.Random(42);
        List<Long> offered = new java.util.ArrayList<>();
        for (long i = 1; i <= SeenSources.WINDOW + 500; i++) {
            offered.add(i * 3);
        }
        java.util.Collections.shuffle(offered.subList(0, 200), rnd); // the first ones arrive out of order
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            List<Boolean> expected = new java.util.ArrayList<>();
            List<java.util.concurrent.CompletableFuture<Boolean>> got = new java.util.ArrayList<>();
            for (long seq : offered) {
                expected.add(twin.accept("gh", seq));
                got.add(q.acceptOnce("gh", seq)); // queued together, so the writer commits them in a few groups
            }
            assertEquals(expected, got.stream().map(java.util.concurrent.CompletableFuture::join).toList());
            assertTrue(q.acceptOnce("other", 3).join(), "sources are independent");
        }
        try (NodeStore store = Stores.open(dir, clock)) {
            SeenSources loaded = store.linkStore().seenSources();
            for (long seq = 1; seq <= 3L * (SeenSources.WINDOW + 600); seq++) {
                assertEquals(twin.seen("gh", seq), loaded.seen("gh", seq), "seq " + seq);
            }
            assertTrue(loaded.seen("gh", 3), "below the window counts as seen");
            assertFalse(loaded.seen("gh", 3L * (SeenSources.WINDOW + 500) + 1), "never offered");
            assertTrue(loaded.seen("other", 3));
            assertFalse(store.linkStore().acceptOnce("gh", 3L * (SeenSources.WINDOW + 500)).join());
        }
    }

    @Test
    void heldMessagesCarryWhenTheyWereAcceptedAndWhereTheGapsAre() {
        try (NodeStore store = Stores.open(dir, clock)) {
            SqliteLinkStore q = store.linkStore();
            q.append(Append.latest("barn", bytes("20.1"), "air/temperature")).join();
            clock.advanceMillis(1000);
            q.append(Append.event("barn", bytes("door open"))).join();
            q.append(Append.latest("barn", bytes("20.4"), "air/temperature")).join();
            List<HeldMessage> held = q.pendingMessages("barn", 0, 10);
            assertEquals(List.of(2L, 3L), held.stream().map(HeldMessage::seq).toList());
            assertEquals(List.of(0L, 2L), held.stream().map(HeldMessage::previousSeq).toList());
            assertEquals(Stores.START_WALL + 1000, held.get(0).acceptedWallMillis());
        }
    }

    @Test
    void writesQueuedBeforeCloseAreCommittedAndWritesAfterItFailAsClosed() {
        java.util.concurrent.CompletableFuture<Long> queued;
        NodeStore store = Stores.open(dir, clock);
        queued = store.linkStore().append("barn", bytes("last words"));
        store.close();
        assertEquals(1L, queued.join());
        var e = assertThrows(java.util.concurrent.CompletionException.class, () -> store.linkStore().append("barn", bytes("late")).join());
        assertEquals(HoldingException.Fault.CLOSED, ((HoldingException) e.getCause()).fault());
        try (NodeStore reopened = Stores.open(dir, clock)) {
            assertEquals(List.of("last words"), reopened.linkStore().pending("barn", 0, 10).stream().map(h -> text(h.message())).toList());
        }
    }

    @Test
    void holdNoneIsNeverWritten() {
        try (NodeStore store = Stores.open(dir, clock)) {
            var r = store.linkStore().append(new Append("barn", bytes("x"), MessageKind.EVENT, HoldPolicy.NONE, null)).join();
            assertEquals(new AppendResult.NotHeld(), r);
            assertEquals(0, store.linkStore().lastAssigned("barn"));
        }
    }
}
