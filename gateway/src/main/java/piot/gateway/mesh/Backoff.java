package piot.gateway.mesh;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter for redialling a peer. The nominal delay starts at
 * {@code min} and doubles after each failed attempt up to {@code max}; each wait is drawn uniformly
 * from [nominal/2, nominal], so peers that lost each other at the same moment do not redial in
 * lockstep. Not thread-safe: one dial loop owns one instance.
 */
final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private final RandomGenerator random;
    private long nominal;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.toNanos() <= 0 || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, not " + min + ".." + max);
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = random;
        this.nominal = minNanos;
    }

    /** The next wait in nanoseconds, in [nominal/2, nominal]; then the nominal delay doubles, capped at max. */
    long next() {
        long d = nominal;
        long wait = d / 2 + random.nextLong(d - d / 2 + 1);
        nominal = d > maxNanos / 2 ? maxNanos : Math.min(d * 2, maxNanos);
        return wait;
    }

    /** After a success: the next failure waits about {@code min} again. */
    void reset() {
        nominal = minNanos;
    }
}
