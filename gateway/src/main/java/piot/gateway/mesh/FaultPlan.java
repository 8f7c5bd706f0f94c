package piot.gateway.mesh;

import java.time.Duration;

/**
 * Seeded faults applied to a node's outgoing frames after the session handshake, above TLS: each
 * frame is independently dropped, duplicated, held back behind the next frame (reordered),
 * delayed (the writer stalls 1 ms..{@code maxDelay} before sending it, so it and everything behind
 * it arrive late, as on a congested link), corrupted (one byte flipped, so the receiver's frame
 * CRC32C refuses it and the connection is dropped, as a real network's corruption would kill a TLS
 * record), or the connection is cut abruptly. Probabilities are per frame, 0..1, and add up to at
 * most 1. Frames carrying nothing but HELLO are faulted too.
 */
public record FaultPlan(long seed, double drop, double duplicate, double reorder, double corrupt, double cut,
                        double delay, Duration maxDelay) {
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, 0);

    public FaultPlan {
        double sum = 0;
        for (double p : new double[] {drop, duplicate, reorder, corrupt, cut, delay}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("fault probabilities must be from 0 to 1, not " + p);
            }
            sum += p;
        }
        if (sum > 1) {
            throw new IllegalArgumentException("fault probabilities add up to " + sum + ", more than 1");
        }
        if (maxDelay.isNegative() || (delay > 0 && maxDelay.toMillis() < 1)) {
            throw new IllegalArgumentException("maxDelay must be at least 1 ms when frames are delayed, not " + maxDelay);
        }
    }

    /** A plan without delays. */
    public FaultPlan(long seed, double drop, double duplicate, double reorder, double corrupt, double cut) {
        this(seed, drop, duplicate, reorder, corrupt, cut, 0, Duration.ZERO);
    }

    /** The same faults with another seed, for the next node of a test mesh. */
    public FaultPlan withSeed(long newSeed) {
        return new FaultPlan(newSeed, drop, duplicate, reorder, corrupt, cut, delay, maxDelay);
    }

    public boolean any() {
        return drop > 0 || duplicate > 0 || reorder > 0 || corrupt > 0 || cut > 0 || delay > 0;
    }
}
