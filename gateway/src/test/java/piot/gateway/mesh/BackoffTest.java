package piot.gateway.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    static final long MS = 1_000_000;

    /** Always draws {@code fraction} of the bound: 0 = the shortest wait, 1 = the longest. */
    record Fixed(double fraction) implements RandomGenerator {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws are expected");
        }

        @Override
        public long nextLong(long bound) {
            return Math.min(bound - 1, (long) (bound * fraction));
        }
    }

    static List<Long> waits(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.next() / MS);
        }
        return out;
    }

    @Test
    void theLongestWaitsDoubleFromMinUpToTheCap() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Fixed(1));
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), waits(b, 8));
    }

    @Test
    void theShortestWaitsAreHalfTheNominalDelay() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Fixed(0));
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 2500L, 2500L), waits(b, 7));
    }

    @Test
    void resetStartsAgainFromMin() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), new Fixed(1));
        waits(b, 5);
        b.reset();
        assertEquals(List.of(200L, 400L), waits(b, 2));
    }

    @Test
    void seededJitterStaysWithinItsRangeAndActuallySpreads() {
        Backoff b = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), new SplittableRandom(7));
        long nominal = 200 * MS;
        List<Long> atCap = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long wait = b.next();
            assertTrue(wait >= nominal / 2 && wait <= nominal, "attempt " + i + ": " + wait + " outside [" + nominal / 2 + ", " + nominal + "]");
            if (nominal == 30_000 * MS) {
                atCap.add(wait);
            }
            nominal = Math.min(nominal * 2, 30_000 * MS);
        }
        long distinct = atCap.stream().distinct().count();
        assertTrue(distinct > atCap.size() / 2, "jitter spreads the waits at the cap: " + distinct + " distinct of " + atCap.size());
        double mean = atCap.stream().mapToLong(Long::longValue).average().orElseThrow() / MS;
        assertTrue(mean > 20_000 && mean < 25_000, "waits at the cap average about 3/4 of it: " + mean + " ms");
    }

    @Test
    void aHugeCapDoesNotOverflow() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofNanos(Long.MAX_VALUE), new Fixed(1));
        long last = 0;
        for (int i = 0; i < 100; i++) {
            long wait = b.next();
            assertTrue(wait >= last, "waits never shrink before a reset: " + wait + " after " + last);
            last = wait;
        }
        assertEquals(Long.MAX_VALUE, last);
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Fixed(0)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Fixed(0)));
    }
}
