package piot.gateway.holding;

import static piot.gateway.holding.Commands.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.LinkStore.Held;

class StorageFaultTest {
    @TempDir
    Path dir;

    private static final HoldingConfig CONFIG = HoldingConfig.defaults().withGroupCommit(Duration.ZERO);

    @Test
    void aFullDiskFailsTheAppendLoudlyKeepsEveryAcknowledgedMessageAndRecoversWhenSpaceIsFreed() {
        List<Long> acked = new ArrayList<>();
        HoldingException fault = null;
        try (NodeStore store = NodeStore.open(dir, CONFIG, Stores.clock(), new OpenOptions(false, 40))) {
            SqliteLinkStore q = store.linkStore();
            for (int i = 0; i < 200 && fault == null; i++) {
                try {
                    acked.add(q.append("barn", new byte[2000]).join());
                } catch (CompletionException e) {
                    fault = assertInstanceOf(HoldingException.class, e.getCause());
                }
            }
            assertTrue(fault != null, "40 pages of 4 KiB cannot hold 200 messages of 2000 bytes");
            assertEquals(HoldingException.Fault.DISK_FULL, fault.fault());
            assertTrue(fault.getMessage().contains(store.file().toString()), fault.getMessage());
            Health.Degraded health = assertInstanceOf(Health.Degraded.class, store.health());
            assertEquals(HoldingException.Fault.DISK_FULL, health.fault());
            assertEquals(acked, q.pending("barn", 0, 1000).stream().map(Held::seq).toList());
            assertEquals(acked.size(), q.lastAssigned("barn"), "the failed append took no sequence");

            q.confirm("barn", acked.get(acked.size() - 1));
            assertEquals(acked.size() + 1L, q.append("barn", new byte[2000]).join());
            assertEquals(new Health.Ok(), store.health());
        }
    }

    @Test
    void aCorruptFileIsRefusedWithItsNameAndLeftAsItWas() throws IOException {
        Path file = dir.resolve(NodeStore.FILE_NAME);
        byte[] garbage = "this is not an SQLite database, it is a torn write\n".repeat(200).getBytes();
        Files.write(file, garbage);
        HoldingException e = assertThrows(HoldingException.class, () -> NodeStore.open(dir, CONFIG, Stores.clock()));
        assertEquals(HoldingException.Fault.CORRUPT, e.fault());
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--move-corrupt-aside"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file));
    }

    @Test
    void aCorruptFileIsMovedAsideOnlyWhenAskedAndTheStoreStartsEmpty() throws IOException {
        Path file = dir.resolve(NodeStore.FILE_NAME);
        byte[] garbage = "garbage".repeat(1000).getBytes();
        Files.write(file, garbage);
        try (NodeStore store = NodeStore.open(dir, CONFIG, Stores.clock(), new OpenOptions(true, 0))) {
            assertEquals(1L, store.linkStore().append("barn", new byte[1]).join());
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("node.db.corrupt-")).findFirst().orElseThrow();
            assertArrayEquals(garbage, Files.readAllBytes(aside));
        }
    }

    @Test
    void aDamagedPageIsFoundAtOpen() throws IOException {
        try (NodeStore store = NodeStore.open(dir, CONFIG, Stores.clock())) {
            for (int i = 0; i < 50; i++) {
                store.linkStore().append("barn", ("message " + i).repeat(40).getBytes()).join();
            }
        }
        Path file = dir.resolve(NodeStore.FILE_NAME);
        byte[] db = Files.readAllBytes(file);
        assertTrue(db.length > 8 * 4096, "the test needs a database of several pages, has " + db.length);
        for (int i = 5 * 4096; i < 7 * 4096; i++) {
            db[i] = (byte) (i * 31);
        }
        Files.write(file, db);
        HoldingException e = assertThrows(HoldingException.class, () -> NodeStore.open(dir, CONFIG, Stores.clock()));
        assertEquals(HoldingException.Fault.CORRUPT, e.fault());
    }

    /** A real ENOSPC from a 1 MiB tmpfs (root only; skipped otherwise), then the disk is grown. */
    @Test
    void aRealFullFileSystemFailsAppendsUntilSpaceIsAddedAndLosesNothingAcknowledged() throws Exception {
        Path mnt = dir.resolve("small");
        Files.createDirectories(mnt);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()),
                "skipped: mounting a tmpfs needs root (CAP_SYS_ADMIN); the max_page_count test covers disk full");
        try (NodeStore store = NodeStore.open(mnt, CONFIG, Stores.clock())) {
            SqliteLinkStore q = store.linkStore();
            List<Long> acked = new ArrayList<>();
            HoldingException fault = null;
            for (int i = 0; i < 2000 && fault == null; i++) {
                try {
                    acked.add(q.append("barn", new byte[4000]).join());
                } catch (CompletionException e) {
                    fault = assertInstanceOf(HoldingException.class, e.getCause());
                }
            }
            assertTrue(fault != null, "1 MiB cannot hold 2000 messages of 4000 bytes");
            assertEquals(HoldingException.Fault.DISK_FULL, fault.fault(), fault.getMessage());
            assertInstanceOf(Health.Degraded.class, store.health());
            assertEquals(acked, q.pending("barn", 0, 10_000).stream().map(Held::seq).toList());

            assertTrue(run("mount", "-o", "remount,size=16m", mnt.toString()), "grow the tmpfs");
            assertEquals(acked.size() + 1L, q.append("barn", new byte[4000]).join());
            assertEquals(new Health.Ok(), store.health());
            System.out.println("tmpfs full after " + acked.size() + " messages: " + fault.getMessage());
        } finally {
            run("umount", mnt.toString());
        }
    }

    /** Needs root to mount a small tmpfs and remount it read-only; skipped (with this reason) otherwise. */
    @Test
    void aReadOnlyFileSystemIsReportedClearlyAndNothingIsAcknowledged() throws Exception {
        Path mnt = dir.resolve("ro");
        Files.createDirectories(mnt);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mnt.toString()),
                "skipped: mounting a tmpfs needs root (CAP_SYS_ADMIN); read-only file systems untested here");
        try {
            try (NodeStore store = NodeStore.open(mnt, CONFIG, Stores.clock())) {
                store.linkStore().append("barn", new byte[] {1}).join();
            }
            assertTrue(run("mount", "-o", "remount,ro", mnt.toString()), "remount read-only");
            try (NodeStore store = NodeStore.open(mnt, CONFIG, Stores.clock())) {
                CompletionException e = assertThrows(CompletionException.class,
                        () -> store.linkStore().append("barn", new byte[] {2}).join());
                HoldingException fault = assertInstanceOf(HoldingException.class, e.getCause());
                assertTrue(fault.fault() == HoldingException.Fault.READ_ONLY, fault.fault() + ": " + fault.getMessage());
                assertInstanceOf(Health.Degraded.class, store.health());
                assertEquals(List.of(1L), store.linkStore().pending("barn", 0, 10).stream().map(Held::seq).toList());
            } catch (HoldingException refusedAtOpen) {
                assertEquals(HoldingException.Fault.READ_ONLY, refusedAtOpen.fault(), refusedAtOpen.getMessage());
                assertTrue(refusedAtOpen.getMessage().contains(mnt.toString()), refusedAtOpen.getMessage());
            }
        } finally {
            run("umount", mnt.toString());
        }
    }
}
