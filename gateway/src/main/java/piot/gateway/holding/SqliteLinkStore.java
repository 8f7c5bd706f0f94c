package piot.gateway.holding;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import piot.gateway.mesh.LinkStore;

/**
 * {@link LinkStore} over the node's SQLite database, plus what the router needs beyond it: per
 * message hold policy and type, end-to-end dedupe, and custody (dedupe mark + forwards + inbound
 * watermark in one transaction). Thread-safe; writes are durable when their future completes.
 *
 * <p>Messages may leave holding unconfirmed (overflow, TTL, conflation, reset), which leaves gaps
 * in the sequences {@link #pending} returns; {@link #pendingMessages} says where each gap is.
 */
public final class SqliteLinkStore implements LinkStore {
    private static final System.Logger LOG = System.getLogger(SqliteLinkStore.class.getName());

    private final NodeStore store;
    private final HeldQueue queue;

    SqliteLinkStore(NodeStore store, HeldQueue queue) {
        this.store = store;
        this.queue = queue;
    }

    /**
     * Holds an {@link Append#event event} with {@code hold: all}. The future completes with its
     * sequence once durable; it fails with {@link HoldingException} when it could not be made
     * durable, or with {@link HoldingFullException} when {@code drop-newest} refused it.
     */
    @Override
    public CompletableFuture<Long> append(String peer, byte[] message) {
        return append(Append.event(peer, message)).thenApply(result -> switch (result) {
            case AppendResult.Held h -> h.seq();
            case AppendResult.Dropped d -> throw new HoldingFullException(peer, d.reason());
            case AppendResult.NotHeld n -> throw new IllegalStateException("an event with hold: all is always held");
        });
    }

    /** Holds one message under its policy; completes once committed (durable) or failed. */
    public CompletableFuture<AppendResult> append(Append append) {
        if (append.hold() == HoldPolicy.NONE) {
            return CompletableFuture.completedFuture(new AppendResult.NotHeld());
        }
        long now = store.clock().wallMillis();
        if (append.kind() != MessageKind.EVENT) {
            // An action or its status: someone is waiting on it end to end, commit without the window.
            return store.writeNow(c -> queue.append(c, append, now));
        }
        return store.write(c -> queue.append(c, append, now));
    }

    @Override
    public List<Held> pending(String peer, long afterSeq, int max) {
        List<Held> out = new ArrayList<>();
        for (HeldMessage m : pendingMessages(peer, afterSeq, max)) {
            out.add(new Held(m.seq(), m.message()));
        }
        return out;
    }

    /**
     * Held messages for {@code peer} with {@code seq > afterSeq}, in order, at most {@code max};
     * expired ones are skipped (and purged in the background, counted as ttl).
     */
    public List<HeldMessage> pendingMessages(String peer, long afterSeq, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        long now = store.clock().wallMillis();
        List<HeldMessage> out = new ArrayList<>();
        boolean expired = store.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT seq, message, kind, accepted_wall FROM held"
                    + " WHERE peer = ? AND seq > ? AND (expires_wall IS NULL OR expires_wall > ?) ORDER BY seq LIMIT ?")) {
                p.setString(1, peer);
                p.setLong(2, afterSeq);
                p.setLong(3, now);
                p.setInt(4, max);
                try (ResultSet rs = p.executeQuery()) {
                    long previous = afterSeq;
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        out.add(new HeldMessage(seq, previous, rs.getBytes(2), MessageKind.valueOf(rs.getString(3)), rs.getLong(4)));
                        previous = seq;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT 1 FROM held WHERE peer = ? AND expires_wall IS NOT NULL AND expires_wall <= ? LIMIT 1")) {
                p.setString(1, peer);
                p.setLong(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (expired) {
            purgeExpired().whenComplete((n, e) -> {
                if (e != null) {
                    LOG.log(System.Logger.Level.ERROR, "purging expired held messages failed", e);
                }
            });
        }
        return out;
    }

    /** Drops every held message whose TTL ran out (counted as ttl); completes with how many. */
    public CompletableFuture<Long> purgeExpired() {
        long now = store.clock().wallMillis();
        return store.write(c -> queue.purgeExpired(c, now));
    }

    /** Removes everything up to {@code seq}; durable on return. A seq never assigned is refused. */
    @Override
    public void confirm(String peer, long seq) {
        await(store.writeNow(c -> {
            queue.confirm(c, peer, seq);
            return null;
        }));
    }

    @Override
    public long lastAssigned(String peer) {
        return store.read(c -> HeldQueue.state(c, peer)[0]);
    }

    @Override
    public long inboundWatermark(String peer) {
        return store.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT inbound_watermark FROM peer_state WHERE peer = ?")) {
                p.setString(1, peer);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** Raises the watermark (never lowers it: use {@link #reset}); durable on return. */
    @Override
    public void inboundWatermark(String peer, long seq) {
        await(store.writeNow(c -> {
            queue.inboundWatermark(c, peer, seq);
            return null;
        }));
    }

    /** Sets the watermark, lower too (the peer lost its link state); durable on return. */
    @Override
    public void followInboundWatermark(String peer, long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("an inbound watermark is never negative, was " + seq + " for " + peer);
        }
        await(store.write(c -> {
            queue.inboundWatermark(c, peer, 0);
            return HeldQueue.update(c, "UPDATE peer_state SET inbound_watermark = ? WHERE peer = ?", seq, peer);
        }));
    }

    /**
     * Clean slate: drops what is held (counted as clean-slate), the inbound watermark and the
     * outbound numbering (the next append is 1 again); durable on return.
     */
    @Override
    public void reset(String peer) {
        await(store.write(c -> {
            queue.reset(c, peer);
            return null;
        }));
    }

    /** End-to-end dedupe on its own: true (and recorded durably) when {@code sourceSeq} was not seen from {@code source} (see {@link SeenSources}). */
    public CompletableFuture<Boolean> acceptOnce(String source, long sourceSeq) {
        return store.write(c -> queue.acceptOnce(c, source, sourceSeq));
    }

    /** The durable end-to-end dedupe state, for the router thread to check before routing. */
    public SeenSources seenSources() {
        return store.read(c -> {
            SeenSources seen = new SeenSources();
            try (PreparedStatement p = c.prepareStatement("SELECT m.source, m.high_seq, s.seq FROM source_marks m"
                    + " LEFT JOIN source_seen s ON s.source = m.source ORDER BY m.source, s.seq");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    seen.load(rs.getString(1), rs.getLong(2), rs.getLong(3));
                }
            }
            return seen;
        });
    }

    /**
     * Takes custody of a message from {@code source}: in ONE transaction, records its dedupe mark
     * and holds every forward. A duplicate writes nothing and completes with {@code accepted=false}.
     */
    public CompletableFuture<Custody> custody(String source, long sourceSeq, List<Append> forwards) {
        return custody(null, 0, source, sourceSeq, forwards);
    }

    /**
     * As {@link #custody(String, long, List)}, and also raises the inbound watermark of
     * {@code fromPeer} to {@code linkSeq} in the same transaction, so the receiver can confirm to
     * its peer as soon as this completes. The watermark moves for duplicates too.
     */
    public CompletableFuture<Custody> custody(String fromPeer, long linkSeq, String source, long sourceSeq, List<Append> forwards) {
        List<Append> copy = List.copyOf(forwards);
        long now = store.clock().wallMillis();
        // A session waits on custody from a peer before it can confirm: commit without the window.
        GroupCommitWriter.Write<Custody> w = c -> {
            if (fromPeer != null) {
                queue.inboundWatermark(c, fromPeer, linkSeq);
            }
            if (!queue.acceptOnce(c, source, sourceSeq)) {
                return new Custody(false, List.of());
            }
            List<AppendResult> results = new ArrayList<>();
            for (Append a : copy) {
                results.add(a.hold() == HoldPolicy.NONE ? new AppendResult.NotHeld() : queue.append(c, a, now));
            }
            return new Custody(true, results);
        };
        return fromPeer != null ? store.writeNow(w) : store.write(w);
    }

    /** One message of a run taken into custody together: its link sequence, origin and forwards. */
    public record Item(long linkSeq, String source, long sourceSeq, List<Append> forwards) {
        public Item {
            forwards = List.copyOf(forwards);
        }
    }

    /**
     * Takes custody of a run of consecutive messages from {@code fromPeer} in ONE transaction (one
     * fsync for the run): each item as {@link #custody(String, long, String, long, List)} does, in
     * order, and the inbound watermark raised to the last item's link sequence. All or nothing: if
     * any item fails, none is kept and the future fails. Completes with one outcome per item.
     */
    public CompletableFuture<List<Custody>> custodyRun(String fromPeer, List<Item> run) {
        if (run.isEmpty()) {
            throw new IllegalArgumentException("a custody run needs at least one message");
        }
        List<Item> copy = List.copyOf(run);
        long now = store.clock().wallMillis();
        return store.writeNow(c -> {
            List<Custody> out = new ArrayList<>(copy.size());
            for (Item item : copy) {
                if (!queue.acceptOnce(c, item.source(), item.sourceSeq())) {
                    out.add(new Custody(false, List.of()));
                    continue;
                }
                List<AppendResult> results = new ArrayList<>();
                for (Append a : item.forwards()) {
                    results.add(a.hold() == HoldPolicy.NONE ? new AppendResult.NotHeld() : queue.append(c, a, now));
                }
                out.add(new Custody(true, results));
            }
            queue.inboundWatermark(c, fromPeer, copy.getLast().linkSeq());
            return out;
        });
    }

    /**
     * Moves held messages to other peers in ONE transaction: holds every append in {@code to}
     * (in order) and removes {@code from}'s messages up to {@code throughSeq}. Completes once
     * durable, with what became of each append.
     */
    public CompletableFuture<List<AppendResult>> moveHeld(String from, long throughSeq, List<Append> to) {
        List<Append> copy = List.copyOf(to);
        long now = store.clock().wallMillis();
        return store.write(c -> {
            List<AppendResult> results = new ArrayList<>();
            for (Append a : copy) {
                results.add(queue.append(c, a, now));
            }
            queue.confirm(c, from, throughSeq);
            return results;
        });
    }

    /** Peers whose name starts with {@code prefix} and that have held messages. */
    public List<String> peersHolding(String prefix) {
        return store.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT peer FROM peer_state WHERE held_count > 0 AND substr(peer, 1, ?) = ?")) {
                p.setInt(1, prefix.length());
                p.setString(2, prefix);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HoldingException(HoldingException.Fault.OTHER, "interrupted waiting for a holding write", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(e.getCause());
        }
    }
}
