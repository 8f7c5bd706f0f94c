package piot.gateway.runtime;

import piot.gateway.holding.SqliteLinkStore;
import piot.time.Clock;

/**
 * This node's end-to-end source sequence ({@code Envelope.sourceSeq}): strictly increasing over
 * the node's whole life, across restarts, and across a restart with a wiped data dir.
 * Each run takes a new epoch and numbers its messages {@code epoch << 32 | n}; a run that exhausts
 * 2^32 numbers takes a new epoch. Receivers dedupe by the highest sequence seen per source, so
 * sequences must only grow.
 *
 * <p>The epoch is {@code max(stored + 1, seconds since 2020-01-01 by the wall clock)}, stored
 * durably (as the inbound watermark of the reserved pseudo-peer {@value #EPOCH_PEER}, which only
 * ever rises) before it is used. The stored part keeps it growing when the wall clock is wrong or
 * two runs start within one second; the wall-clock part is what lets a node whose data dir was
 * wiped (a new SD card) start above every sequence its peers saw from it before, where a counter
 * alone would restart at 1 and every new message would be dropped as a duplicate.
 * Limit: a wiped node whose wall clock is behind its previous life's (a Pi without RTC before NTP
 * sync) cannot be told apart from a replay; its messages are refused as duplicates until its
 * clock passes the old epoch. Seconds since 2020 fit the 31 bits left above the counter until 2088.
 * Epochs of earlier versions came from holding's link numbering of the same pseudo-peer; those
 * are honoured too. Used by the router thread only.
 */
final class SourceSequence {
    /** Not a valid node name, so it never collides with a peer. */
    static final String EPOCH_PEER = "!source-epoch";
    /** 2020-01-01T00:00:00Z. */
    static final long EPOCH_ORIGIN_WALL_MILLIS = 1_577_836_800_000L;

    private final SqliteLinkStore store;
    private final Clock clock;
    private long epoch;
    private long next;

    SourceSequence(SqliteLinkStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        newEpoch();
    }

    long next() {
        if (next > 0xFFFF_FFFFL) {
            newEpoch();
        }
        return (epoch << 32) | next++;
    }

    long epoch() {
        return epoch;
    }

    /** The epoch the wall clock alone gives at {@code wallMillis} (0 before 2020). */
    static long wallEpoch(long wallMillis) {
        return Math.max(0, (wallMillis - EPOCH_ORIGIN_WALL_MILLIS) / 1000);
    }

    private void newEpoch() {
        long stored = Math.max(store.inboundWatermark(EPOCH_PEER), legacyEpoch());
        long e = Math.max(stored + 1, wallEpoch(clock.wallMillis()));
        if (e > 0x7FFF_FFFFL) {
            throw new IllegalStateException("source epoch " + e + " does not fit 31 bits; the wall clock is far in the future");
        }
        store.inboundWatermark(EPOCH_PEER, e); // durable on return
        epoch = e;
        next = 1;
    }

    /** The epoch numbering of earlier versions: holding's link numbering of the pseudo-peer. */
    private long legacyEpoch() {
        return store.lastAssigned(EPOCH_PEER);
    }
}
