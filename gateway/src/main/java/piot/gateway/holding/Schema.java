package piot.gateway.holding;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The on-disk schema and its migrations (documented in docs/storage.md). The version lives in
 * {@code PRAGMA user_version}; each migration moves it up by one inside its own transaction, so a
 * crash mid-migration leaves the previous version intact.
 */
final class Schema {
    /** Application id stamped into the header ("piot" in ASCII) so a foreign SQLite file is refused. */
    static final int APPLICATION_ID = 0x70696f74;

    private static final List<List<String>> MIGRATIONS = List.of(
            // 0 -> 1: the first release: bare queue and link counters.
            List.of(
                    "CREATE TABLE held (peer TEXT NOT NULL, seq INTEGER NOT NULL, message BLOB NOT NULL,"
                            + " accepted_wall INTEGER NOT NULL, PRIMARY KEY (peer, seq))",
                    "CREATE TABLE peer_state (peer TEXT PRIMARY KEY, last_seq INTEGER NOT NULL,"
                            + " inbound_watermark INTEGER NOT NULL)"),
            // 1 -> 2: message types, TTL, conflation, limits, drop counters and the rest of node state.
            List.of(
                    "ALTER TABLE held ADD COLUMN kind TEXT NOT NULL DEFAULT 'EVENT'",
                    "ALTER TABLE held ADD COLUMN conflation_key TEXT",
                    "ALTER TABLE held ADD COLUMN expires_wall INTEGER",
                    "ALTER TABLE held ADD COLUMN size INTEGER NOT NULL DEFAULT 0",
                    "UPDATE held SET size = length(message)",
                    "CREATE INDEX held_conflation ON held (peer, conflation_key) WHERE conflation_key IS NOT NULL",
                    "CREATE INDEX held_expiry ON held (peer, expires_wall) WHERE expires_wall IS NOT NULL",
                    "ALTER TABLE peer_state ADD COLUMN held_count INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE peer_state ADD COLUMN held_bytes INTEGER NOT NULL DEFAULT 0",
                    "UPDATE peer_state SET held_count = (SELECT count(*) FROM held h WHERE h.peer = peer_state.peer),"
                            + " held_bytes = (SELECT coalesce(sum(size), 0) FROM held h WHERE h.peer = peer_state.peer)",
                    "CREATE TABLE dropped (peer TEXT NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL,"
                            + " PRIMARY KEY (peer, reason))",
                    "CREATE TABLE links (peer TEXT PRIMARY KEY, address TEXT, identity TEXT,"
                            + " inherit_state INTEGER NOT NULL, last_seen_wall INTEGER)",
                    "CREATE TABLE source_marks (source TEXT PRIMARY KEY, high_seq INTEGER NOT NULL)",
                    "CREATE TABLE actions (action_id TEXT PRIMARY KEY, status TEXT NOT NULL,"
                            + " updated_wall INTEGER NOT NULL)",
                    "CREATE TABLE latest_values (thing TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
                            + " unit TEXT, ts_wall INTEGER NOT NULL, PRIMARY KEY (thing, key))"),
            // 2 -> 3: the requester's journal of the actions it asked for, and end-to-end dedupe that
            // tolerates reordering: source_marks.high_seq becomes the floor of a window of seen sequences.
            List.of(
                    "CREATE TABLE requested_actions (action_id TEXT PRIMARY KEY, request TEXT NOT NULL,"
                            + " statuses TEXT NOT NULL, final INTEGER NOT NULL, updated_wall INTEGER NOT NULL)",
                    "CREATE INDEX requested_actions_open ON requested_actions (final)",
                    "CREATE TABLE source_seen (source TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (source, seq))"
                            + " WITHOUT ROWID",
                    "ALTER TABLE source_marks ADD COLUMN seen_count INTEGER NOT NULL DEFAULT 0"));

    static final int CURRENT = MIGRATIONS.size();

    private Schema() {}

    /** Brings the database to {@link #CURRENT}; refuses a newer or foreign one. */
    static void migrate(Connection c, Path file) throws SQLException {
        int version = pragmaInt(c, "user_version");
        int appId = pragmaInt(c, "application_id");
        if (appId != 0 && appId != APPLICATION_ID) {
            throw new HoldingException(HoldingException.Fault.OTHER,
                    file + " is an SQLite database of another application (application_id " + appId
                            + "); point node.data_dir at a directory of its own", null);
        }
        if (version > CURRENT) {
            throw new HoldingException(HoldingException.Fault.NEWER_VERSION,
                    file + " has schema version " + version + " but this piot understands up to " + CURRENT
                            + "; it was written by a newer piot. Run that version, or move the file aside to start empty", null);
        }
        try (Statement s = c.createStatement()) {
            for (int v = version; v < CURRENT; v++) {
                s.execute("BEGIN IMMEDIATE");
                try {
                    for (String sql : MIGRATIONS.get(v)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA application_id = " + APPLICATION_ID);
                    s.execute("PRAGMA user_version = " + (v + 1));
                    s.execute("COMMIT");
                } catch (SQLException e) {
                    s.execute("ROLLBACK");
                    throw e;
                }
            }
        }
    }

    static int pragmaInt(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
