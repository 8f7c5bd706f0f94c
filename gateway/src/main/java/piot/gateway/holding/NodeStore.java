package piot.gateway.holding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import piot.time.Clock;

/**
 * The node's durable state: one SQLite database {@code DATA_DIR/node.db} in WAL mode with
 * {@code synchronous=FULL}, so every committed transaction survives power loss (see
 * docs/storage.md). Writes go through one writer thread with group commit; reads use a second,
 * read-only connection and see every committed write.
 */
public final class NodeStore implements AutoCloseable {
    /** The database file's name inside {@code node.data_dir}. */
    public static final String FILE_NAME = "node.db";

    private static final System.Logger LOG = System.getLogger(NodeStore.class.getName());

    private final Path file;
    private final Connection writeConnection;
    private final Connection readConnection; // guarded by itself
    private final GroupCommitWriter writer;
    private final Clock clock;
    private final SqliteLinkStore links;
    private final NodeState state;
    private volatile Health readHealth = new Health.Ok();

    private NodeStore(Path file, Connection w, Connection r, HoldingConfig config, Clock clock) {
        this.file = file;
        this.writeConnection = w;
        this.readConnection = r;
        this.clock = clock;
        this.writer = new GroupCommitWriter(w, file, config.groupCommit());
        this.links = new SqliteLinkStore(this, new HeldQueue(config));
        this.state = new NodeState(this);
    }

    /** Opens with {@link OpenOptions#defaults()}: a corrupt file is refused, no size cap. */
    public static NodeStore open(Path dataDir, HoldingConfig config, Clock clock) {
        return open(dataDir, config, clock, OpenOptions.defaults());
    }

    /**
     * Opens (creating if needed) and migrates {@code dataDir/node.db}.
     *
     * @throws HoldingException when the file is corrupt (unless {@code options.moveCorruptAside}),
     *     from a newer piot, or the directory is not writable; the message names the file
     */
    public static NodeStore open(Path dataDir, HoldingConfig config, Clock clock, OpenOptions options) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new HoldingException(HoldingException.Fault.IO, "cannot create node.data_dir " + dataDir + ": " + e, e);
        }
        Connection w = null;
        Connection r = null;
        try {
            w = connect(file);
            if (!intact(w, file)) {
                w.close();
                if (!options.moveCorruptAside()) {
                    throw new HoldingException(HoldingException.Fault.CORRUPT, file + " is corrupt; refusing to start"
                            + " with it. Keep it for inspection and start empty with --move-corrupt-aside (renames it to "
                            + FILE_NAME + ".corrupt-TIMESTAMP), or restore a backup", null);
                }
                moveAside(file, clock);
                w = connect(file);
            }
            try (Statement s = w.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new HoldingException(HoldingException.Fault.IO, "cannot put " + file + " in WAL mode", null);
                    }
                }
                // FULL: with WAL, NORMAL may lose the last commits on power loss; we promise it cannot.
                s.execute("PRAGMA synchronous = FULL");
                if (options.maxPageCount() > 0) {
                    s.execute("PRAGMA max_page_count = " + options.maxPageCount());
                }
            }
            Schema.migrate(w, file);
            r = connect(file);
            try (Statement s = r.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA query_only = 1");
            }
            return new NodeStore(file, w, r, config, clock);
        } catch (SQLException e) {
            closeQuietly(w);
            closeQuietly(r);
            throw HoldingException.from(e, file, "opening the node store");
        } catch (RuntimeException e) {
            closeQuietly(w);
            closeQuietly(r);
            throw e;
        }
    }

    private static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    /** True when SQLite can read the file and its quick check finds nothing wrong. */
    private static boolean intact(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            boolean ok = rs.next() && "ok".equals(rs.getString(1));
            if (!ok) {
                LOG.log(System.Logger.Level.ERROR, file + " failed its integrity check: " + rs.getString(1));
            }
            return ok;
        } catch (SQLException e) {
            if (HoldingException.from(e, file, "checking").fault() == HoldingException.Fault.CORRUPT) {
                LOG.log(System.Logger.Level.ERROR, file + " is not a readable database: " + e.getMessage());
                return false;
            }
            throw e;
        }
    }

    private static void moveAside(Path file, Clock clock) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(clock.wallMillis()));
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path from = file.resolveSibling(FILE_NAME + suffix);
                if (Files.exists(from)) {
                    Path to = file.resolveSibling(FILE_NAME + suffix + ".corrupt-" + stamp);
                    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                    LOG.log(System.Logger.Level.WARNING, "moved corrupt " + from + " aside to " + to + "; starting with empty state");
                }
            }
        } catch (IOException e) {
            throw new HoldingException(HoldingException.Fault.IO, "cannot move corrupt " + file + " aside: " + e, e);
        }
    }

    /** The per-peer holding queue and watermarks, as the mesh sessions and the router use them. */
    public SqliteLinkStore linkStore() {
        return links;
    }

    /** Links, executed actions and latest values. */
    public NodeState state() {
        return state;
    }

    /** The absolute path of {@code node.db}. */
    public Path file() {
        return file;
    }

    /** ok, or degraded with the reason of the last failed write or read. */
    public Health health() {
        Health w = writer.health();
        return w instanceof Health.Degraded ? w : readHealth;
    }

    /** Depth, bytes and drop counters per peer. */
    public HoldingStats stats() {
        return read(c -> {
            Map<String, long[]> depth = new HashMap<>();
            Map<String, Map<DropReason, Long>> dropped = new HashMap<>();
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT peer, held_count, held_bytes, last_seq FROM peer_state")) {
                    while (rs.next()) {
                        depth.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT peer, reason, count FROM dropped")) {
                    while (rs.next()) {
                        dropped.computeIfAbsent(rs.getString(1), p -> new EnumMap<>(DropReason.class))
                                .put(DropReason.valueOf(rs.getString(2)), rs.getLong(3));
                    }
                }
            }
            Map<String, HoldingStats.PeerStats> peers = new HashMap<>();
            for (var e : depth.entrySet()) {
                Map<DropReason, Long> d = new EnumMap<>(DropReason.class);
                for (DropReason reason : DropReason.values()) {
                    d.put(reason, dropped.getOrDefault(e.getKey(), Map.of()).getOrDefault(reason, 0L));
                }
                peers.put(e.getKey(), new HoldingStats.PeerStats(e.getValue()[0], e.getValue()[1], e.getValue()[2], d));
            }
            return new HoldingStats(peers);
        });
    }

    <T> CompletableFuture<T> write(GroupCommitWriter.Write<T> w) {
        return writer.submit(w);
    }

    /**
     * As {@link #write}, for a caller that is blocked until it is durable and already batched
     * what it could (a custody run, a confirmation): its transaction commits as soon as what is
     * queued now has been added, without waiting out the group-commit window.
     */
    <T> CompletableFuture<T> writeNow(GroupCommitWriter.Write<T> w) {
        return writer.submit(w, true);
    }

    /** Runs {@code q} on the read connection; a storage fault is reported and marks health degraded. */
    <T> T read(GroupCommitWriter.Write<T> q) {
        synchronized (readConnection) {
            try {
                T result = q.run(readConnection);
                readHealth = new Health.Ok();
                return result;
            } catch (SQLException e) {
                HoldingException fault = HoldingException.from(e, file, "reading node state");
                if (HoldingException.isStorageFault(e)) {
                    readHealth = new Health.Degraded(fault.fault(), fault.getMessage());
                }
                throw fault;
            }
        }
    }

    Clock clock() {
        return clock;
    }

    /** Commits queued writes, then closes both connections. */
    @Override
    public void close() {
        writer.close();
        synchronized (readConnection) {
            closeQuietly(readConnection);
        }
        closeQuietly(writeConnection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the node store: " + e.getMessage());
            }
        }
    }
}
