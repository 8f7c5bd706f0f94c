package piot.gateway.holding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The queue's writes, each run by the writer thread inside a batch transaction. Counts and bytes
 * per peer are kept in {@code peer_state} in the same transaction so limits cost no scan.
 */
final class HeldQueue {
    private final HoldingConfig config;

    HeldQueue(HoldingConfig config) {
        this.config = config;
    }

    AppendResult append(Connection c, Append a, long nowWall) throws SQLException {
        ensurePeer(c, a.peer());
        long size = a.message().length;
        if (size > config.maxBytes()) {
            addDropped(c, a.peer(), DropReason.OVERFLOW, 1);
            return new AppendResult.Dropped(DropReason.OVERFLOW);
        }
        if (a.hold() == HoldPolicy.LATEST) {
            long[] gone = deleteWhere(c, a.peer(), "conflation_key = ?", a.conflationKey());
            addDropped(c, a.peer(), DropReason.CONFLATED, gone[0]);
        }
        long[] state = state(c, a.peer()); // last_seq, count, bytes
        while (state[1] + 1 > config.maxMessages() || state[2] + size > config.maxBytes()) {
            if (config.overflow() == Overflow.DROP_NEWEST || state[1] == 0) {
                addDropped(c, a.peer(), DropReason.OVERFLOW, 1);
                return new AppendResult.Dropped(DropReason.OVERFLOW);
            }
            long[] gone = deleteOldest(c, a.peer());
            addDropped(c, a.peer(), DropReason.OVERFLOW, gone[0]);
            state = state(c, a.peer());
        }
        long seq = state[0] + 1;
        long ttl = config.ttlMillis(a.kind());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO held (peer, seq, message, accepted_wall, kind,"
                + " conflation_key, expires_wall, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, a.peer());
            p.setLong(2, seq);
            p.setBytes(3, a.message());
            p.setLong(4, nowWall);
            p.setString(5, a.kind().name());
            p.setString(6, a.hold() == HoldPolicy.LATEST ? a.conflationKey() : null);
            if (ttl < 0) {
                p.setNull(7, java.sql.Types.INTEGER);
            } else {
                p.setLong(7, nowWall + ttl);
            }
            p.setLong(8, size);
            p.executeUpdate();
        }
        update(c, "UPDATE peer_state SET last_seq = ?, held_count = held_count + 1, held_bytes = held_bytes + ? WHERE peer = ?",
                seq, size, a.peer());
        return new AppendResult.Held(seq);
    }

    void confirm(Connection c, String peer, long seq) throws SQLException {
        long last = state(c, peer)[0];
        if (seq > last) {
            throw new IllegalArgumentException("peer " + peer + " confirmed sequence " + seq
                    + " but only " + last + " were ever assigned to it; nothing was removed");
        }
        deleteWhere(c, peer, "seq <= ?", seq);
    }

    void inboundWatermark(Connection c, String peer, long seq) throws SQLException {
        if (seq < 0) {
            throw new IllegalArgumentException("an inbound watermark is never negative, was " + seq + " for " + peer);
        }
        ensurePeer(c, peer);
        update(c, "UPDATE peer_state SET inbound_watermark = max(inbound_watermark, ?) WHERE peer = ?", seq, peer);
    }

    /**
     * Clean slate: drops everything held (counted) and both link counters. Numbering restarts at 1
     * because the peer, starting clean too, expects its first message to be 1 after watermark 0.
     */
    void reset(Connection c, String peer) throws SQLException {
        ensurePeer(c, peer);
        long[] gone = deleteWhere(c, peer, "1 = ?", 1);
        addDropped(c, peer, DropReason.CLEAN_SLATE, gone[0]);
        update(c, "UPDATE peer_state SET inbound_watermark = 0, last_seq = 0 WHERE peer = ?", peer);
    }

    /**
     * Records {@code sourceSeq} as seen; false when it already was, or is at or below the source's
     * floor. Keeps at most {@link SeenSources#WINDOW} sequences above the floor in
     * {@code source_seen}, raising the floor to the lowest one dropped (same rule as {@link SeenSources}).
     */
    boolean acceptOnce(Connection c, String source, long sourceSeq) throws SQLException {
        update(c, "INSERT OR IGNORE INTO source_marks (source, high_seq, seen_count) VALUES (?, 0, 0)", source);
        long floor;
        long count;
        try (PreparedStatement p = c.prepareStatement("SELECT high_seq, seen_count FROM source_marks WHERE source = ?")) {
            p.setString(1, source);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                floor = rs.getLong(1);
                count = rs.getLong(2);
            }
        }
        if (sourceSeq <= floor
                || update(c, "INSERT OR IGNORE INTO source_seen (source, seq) VALUES (?, ?)", source, sourceSeq) == 0) {
            return false;
        }
        count++;
        if (count > SeenSources.WINDOW) {
            try (PreparedStatement p = c.prepareStatement("SELECT min(seq) FROM source_seen WHERE source = ?")) {
                p.setString(1, source);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    floor = rs.getLong(1);
                }
            }
            update(c, "DELETE FROM source_seen WHERE source = ? AND seq <= ?", source, floor);
            count = SeenSources.WINDOW;
        }
        update(c, "UPDATE source_marks SET high_seq = ?, seen_count = ? WHERE source = ?", floor, count, source);
        return true;
    }

    long purgeExpired(Connection c, long nowWall) throws SQLException {
        long total = 0;
        java.util.List<String> peers = new java.util.ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT DISTINCT peer FROM held WHERE expires_wall IS NOT NULL AND expires_wall <= ?")) {
            p.setLong(1, nowWall);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    peers.add(rs.getString(1));
                }
            }
        }
        for (String peer : peers) {
            long[] gone = deleteWhere(c, peer, "expires_wall IS NOT NULL AND expires_wall <= ?", nowWall);
            addDropped(c, peer, DropReason.TTL, gone[0]);
            total += gone[0];
        }
        return total;
    }

    private static void ensurePeer(Connection c, String peer) throws SQLException {
        update(c, "INSERT OR IGNORE INTO peer_state (peer, last_seq, inbound_watermark, held_count, held_bytes)"
                + " VALUES (?, 0, 0, 0, 0)", peer);
    }

    /** last_seq, held_count, held_bytes of a peer (zeros when unknown). */
    static long[] state(Connection c, String peer) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT last_seq, held_count, held_bytes FROM peer_state WHERE peer = ?")) {
            p.setString(1, peer);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)} : new long[3];
            }
        }
    }

    private static long[] deleteOldest(Connection c, String peer) throws SQLException {
        return deleteWhere(c, peer, "seq = (SELECT min(seq) FROM held WHERE peer = ?)", peer);
    }

    /** Deletes the peer's rows matching {@code where} (one parameter) and returns {count, bytes}. */
    private static long[] deleteWhere(Connection c, String peer, String where, Object arg) throws SQLException {
        long[] gone = new long[2];
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*), coalesce(sum(size), 0) FROM held WHERE peer = ? AND " + where)) {
            p.setString(1, peer);
            p.setObject(2, arg);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                gone[0] = rs.getLong(1);
                gone[1] = rs.getLong(2);
            }
        }
        if (gone[0] > 0) {
            update(c, "DELETE FROM held WHERE peer = ? AND " + where, peer, arg);
            update(c, "UPDATE peer_state SET held_count = held_count - ?, held_bytes = held_bytes - ? WHERE peer = ?",
                    gone[0], gone[1], peer);
        }
        return gone;
    }

    private static void addDropped(Connection c, String peer, DropReason reason, long n) throws SQLException {
        if (n > 0) {
            update(c, "INSERT INTO dropped (peer, reason, count) VALUES (?, ?, ?)"
                    + " ON CONFLICT (peer, reason) DO UPDATE SET count = count + excluded.count", peer, reason.name(), n);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return p.executeUpdate();
        }
    }
}
