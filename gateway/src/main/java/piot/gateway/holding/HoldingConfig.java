package piot.gateway.holding;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code holding:} section of the config.
 *
 * @param groupCommit how long the writer waits after the first queued write for more to join the
 *     same transaction; {@link Duration#ZERO} commits each write on its own (0..100 ms)
 * @param maxMessages per-peer limit on held messages (at least 1)
 * @param maxBytes per-peer limit on the sum of held message sizes (at least 1)
 * @param overflow what to drop when a limit is reached
 * @param eventTtl time-to-live of {@link MessageKind#EVENT} messages
 * @param actionTtl time-to-live of {@link MessageKind#ACTION} messages
 */
public record HoldingConfig(
        Duration groupCommit, long maxMessages, long maxBytes, Overflow overflow, Duration eventTtl, Duration actionTtl) {

    public HoldingConfig {
        Objects.requireNonNull(groupCommit, "groupCommit");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(eventTtl, "eventTtl");
        Objects.requireNonNull(actionTtl, "actionTtl");
        if (groupCommit.isNegative() || groupCommit.compareTo(Duration.ofMillis(100)) > 0) {
            throw new IllegalArgumentException("holding.group_commit must be 0..100ms, was " + groupCommit);
        }
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("holding limits must be at least 1, were " + maxMessages + " messages, " + maxBytes + " bytes");
        }
        if (!eventTtl.isPositive() || !actionTtl.isPositive()) {
            throw new IllegalArgumentException("holding.ttl values must be positive, were " + eventTtl + ", " + actionTtl);
        }
    }

    /** The documented defaults: 5 ms, 100000 messages, 64 MB, drop-oldest, 7 d / 1 h. */
    public static HoldingConfig defaults() {
        return new HoldingConfig(Duration.ofMillis(5), 100_000, 64L << 20, Overflow.DROP_OLDEST, Duration.ofDays(7), Duration.ofHours(1));
    }

    /** This config with another group-commit window. */
    public HoldingConfig withGroupCommit(Duration window) {
        return new HoldingConfig(window, maxMessages, maxBytes, overflow, eventTtl, actionTtl);
    }

    /** This config with other per-peer limits and overflow policy. */
    public HoldingConfig withLimits(long messages, long bytes, Overflow policy) {
        return new HoldingConfig(groupCommit, messages, bytes, policy, eventTtl, actionTtl);
    }

    /** Milliseconds a message of {@code kind} may stay held, or -1 for never expiring. */
    long ttlMillis(MessageKind kind) {
        return switch (kind) {
            case EVENT -> eventTtl.toMillis();
            case ACTION -> actionTtl.toMillis();
            case CONTROL -> -1;
        };
    }
}
