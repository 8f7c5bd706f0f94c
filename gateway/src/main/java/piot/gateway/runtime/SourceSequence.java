package piot.gateway.runtime;

import piot.gateway.holding.Append;
import piot.gateway.holding.AppendResult;
import piot.gateway.holding.HoldPolicy;
import piot.gateway.holding.MessageKind;
import piot.gateway.holding.SqliteLinkStore;

/**
 * This node's end-to-end source sequence ({@code Envelope.sourceSeq}): strictly increasing over
 * the node's whole life, across restarts and without trusting the wall clock (a Pi has no RTC).
 * Each run takes a durable epoch from holding's never-reused link numbering of a reserved
 * pseudo-peer {@value #EPOCH_PEER} (one append, confirmed at once), and numbers its messages
 * {@code epoch << 32 | n}; a run that exhausts 2^32 numbers takes a new epoch.
 * Receivers dedupe by the highest sequence seen per source, so sequences must only grow.
 * Used by the router thread only.
 */
final class SourceSequence {
    /** Not a valid node name, so it never collides with a peer. */
    static final String EPOCH_PEER = "!source-epoch";

    private final SqliteLinkStore store;
    private long epoch;
    private long next;

    SourceSequence(SqliteLinkStore store) {
        this.store = store;
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

    private void newEpoch() {
        AppendResult r = store.append(new Append(EPOCH_PEER, new byte[] {0}, MessageKind.CONTROL, HoldPolicy.ALL, null)).join();
        if (!(r instanceof AppendResult.Held held)) {
            throw new IllegalStateException("could not take a source epoch from holding: " + r);
        }
        store.confirm(EPOCH_PEER, held.seq());
        epoch = held.seq();
        next = 1;
    }
}
