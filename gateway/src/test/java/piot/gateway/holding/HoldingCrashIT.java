package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.LinkStore.Held;

/**
 * Kill -9 at random moments: a child JVM appends through the store and prints what was
 * acknowledged; after 20 SIGKILLs and restarts every acknowledged, unconfirmed message must be
 * held exactly once, in order, and nothing confirmed may come back.
 */
class HoldingCrashIT {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    private final Map<Long, String> acked = new HashMap<>();
    private long confirmedUpTo;

    @Test
    void everyAcknowledgedMessageSurvivesRepeatedSigkillExactlyOnceAndInOrder() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("HoldingCrashIT seed " + seed);
        long start = System.nanoTime();
        for (int run = 0; run <= KILLS; run++) {
            runAndKill(run, 100 + random.nextInt(701));
        }
        assertTrue(acked.size() > KILLS, "the probe acknowledged only " + acked.size() + " messages");
        try (NodeStore store = Stores.open(dir, piot.time.Clock.system())) {
            SqliteLinkStore q = store.linkStore();
            List<Held> held = q.pending(CrashProbe.PEER, 0, Integer.MAX_VALUE);
            Set<String> payloads = new HashSet<>();
            long previous = confirmedUpTo;
            for (Held h : held) {
                assertEquals(previous + 1, h.seq(), "held sequences are consecutive after the last confirmation");
                previous = h.seq();
                assertTrue(payloads.add(Stores.text(h.message())), "duplicate message " + Stores.text(h.message()));
            }
            Map<Long, String> heldBySeq = new HashMap<>();
            held.forEach(h -> heldBySeq.put(h.seq(), Stores.text(h.message())));
            for (var e : acked.entrySet()) {
                if (e.getKey() > confirmedUpTo) {
                    assertEquals(e.getValue(), heldBySeq.get(e.getKey()), "acknowledged message seq " + e.getKey());
                } else {
                    assertNull(heldBySeq.get(e.getKey()), "confirmed message seq " + e.getKey() + " came back");
                }
            }
            long drained = drain(q);
            assertEquals(held.size(), drained);
            assertEquals(0, store.stats().peer(CrashProbe.PEER).depth());
            System.out.printf("HoldingCrashIT: %d kills, %d acknowledged, %d held at the end, confirmed up to %d, %.1f s%n",
                    KILLS + 1, acked.size(), held.size(), confirmedUpTo, (System.nanoTime() - start) / 1e9);
        }
    }

    private long drain(SqliteLinkStore q) {
        long n = 0;
        long after = confirmedUpTo;
        for (int guard = 0; guard < 1_000_000; guard++) {
            List<Held> batch = q.pending(CrashProbe.PEER, after, 100);
            if (batch.isEmpty()) {
                return n;
            }
            for (Held h : batch) {
                assertTrue(h.seq() > after, "in order");
                after = h.seq();
            }
            q.confirm(CrashProbe.PEER, after);
            n += batch.size();
        }
        return fail("drain did not finish");
    }

    private void runAndKill(int run, int killAfterMillis) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CrashProbe.class.getName(), dir.toString(), Integer.toString(run))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals("READY END")) {
                        ready.countDown();
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
        });
        try {
            assertTrue(ready.await(30, TimeUnit.SECONDS), "probe run " + run + " did not start");
            // Waiting for the probe to exit is the condition; it must not, so this is our random moment.
            assertFalse(p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS),
                    () -> "probe run " + run + " exited by itself with " + p.exitValue());
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        synchronized (lines) {
            for (String line : lines) {
                record(line);
            }
        }
    }

    private void record(String line) {
        if (!line.endsWith(" END")) {
            return; // torn by the kill: never counted as acknowledged
        }
        String[] f = line.split(" ");
        if (f[0].equals("ACK")) {
            long seq = Long.parseLong(f[1]);
            String previous = acked.put(seq, f[2]);
            if (previous != null) {
                fail("sequence " + seq + " acknowledged twice: " + previous + " and " + f[2]);
            }
        } else if (f[0].equals("CONFIRMED")) {
            confirmedUpTo = Math.max(confirmedUpTo, Long.parseLong(f[1]));
        } else if (!f[0].equals("READY")) {
            fail("unexpected probe output: " + line);
        }
    }
}
