package piot.gateway.holding;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The rest of the node's durable state: remembered links, executed actions (at most once across
 * restarts) and the latest value of every thing's key. Writes complete once durable.
 */
public final class NodeState {
    /** A remembered link; {@code lastSeenWallMillis} is 0 when never seen. */
    public record Link(String peer, String address, String identity, boolean inheritState, long lastSeenWallMillis) {}

    /** An action id this node executed (or refused), with its latest status. */
    public record ActionRecord(String actionId, String status, long updatedWallMillis) {}

    /**
     * An action this node requested: the request and its statuses so far as the router encodes
     * them (opaque text here), oldest first; {@code finished} once a final status is recorded.
     */
    public record RequestedAction(String actionId, String request, List<String> statuses, boolean finished) {}

    /** Finished requested actions kept for inspection; older ones are pruned as new ones are requested. */
    static final int KEEP_FINISHED_REQUESTS = 10_000;

    /** The newest reading of {@code thing}/{@code key}; {@code unit} may be null. */
    public record LatestValue(String thing, String key, String value, String unit, long tsWallMillis) {}

    private final NodeStore store;

    NodeState(NodeStore store) {
        this.store = store;
    }

    /** Remembers (or updates) a link; {@code lastSeenWallMillis} never moves back. */
    public CompletableFuture<Void> saveLink(Link link) {
        return store.write(c -> {
            HeldQueue.update(c, "INSERT INTO links (peer, address, identity, inherit_state, last_seen_wall) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (peer) DO UPDATE SET address = excluded.address, identity = excluded.identity,"
                    + " inherit_state = excluded.inherit_state, last_seen_wall = max(last_seen_wall, excluded.last_seen_wall)",
                    link.peer(), link.address(), link.identity(), link.inheritState() ? 1 : 0, link.lastSeenWallMillis());
            return null;
        });
    }

    /** Records that {@code peer} was heard from at wall time {@code wallMillis}. */
    public CompletableFuture<Void> seen(String peer, long wallMillis) {
        return store.write(c -> {
            HeldQueue.update(c, "UPDATE links SET last_seen_wall = ? WHERE peer = ?", wallMillis, peer);
            return null;
        });
    }

    /** Every remembered link, by peer name. */
    public List<Link> links() {
        return store.read(c -> {
            List<Link> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT peer, address, identity, inherit_state, coalesce(last_seen_wall, 0) FROM links ORDER BY peer");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0, rs.getLong(5)));
                }
            }
            return out;
        });
    }

    /**
     * Claims {@code actionId} for execution: completes with true exactly once per id, ever (the
     * claim is durable before it completes), and false for every retransmission afterwards.
     */
    public CompletableFuture<Boolean> claimAction(String actionId, String status) {
        long now = store.clock().wallMillis();
        return store.write(c -> HeldQueue.update(c,
                "INSERT OR IGNORE INTO actions (action_id, status, updated_wall) VALUES (?, ?, ?)", actionId, status, now) == 1);
    }

    /** Records the status an action reached (e.g. its final one); the id must have been claimed. */
    public CompletableFuture<Void> actionStatus(String actionId, String status) {
        long now = store.clock().wallMillis();
        return store.write(c -> {
            if (HeldQueue.update(c, "UPDATE actions SET status = ?, updated_wall = ? WHERE action_id = ?", status, now, actionId) != 1) {
                throw new IllegalArgumentException("action " + actionId + " was never claimed; its status was not recorded");
            }
            return null;
        });
    }

    /** The record of a claimed action id, if any. */
    public Optional<ActionRecord> action(String actionId) {
        return store.read(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT status, updated_wall FROM actions WHERE action_id = ?")) {
                p.setString(1, actionId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new ActionRecord(actionId, rs.getString(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Journals a request this node sends, with its first status; completes once durable. An id
     * already journaled is refused (the router never reuses one).
     */
    public CompletableFuture<Void> requestedAction(String actionId, String request, String firstStatus) {
        long now = store.clock().wallMillis();
        return store.write(c -> {
            HeldQueue.update(c, "INSERT INTO requested_actions (action_id, request, statuses, final, updated_wall)"
                    + " VALUES (?, ?, ?, 0, ?)", actionId, request, firstStatus, now);
            HeldQueue.update(c, "DELETE FROM requested_actions WHERE final = 1 AND rowid <= (SELECT rowid FROM requested_actions"
                    + " WHERE final = 1 ORDER BY rowid DESC LIMIT 1 OFFSET ?)", KEEP_FINISHED_REQUESTS);
            return null;
        });
    }

    /**
     * Appends a status to a journaled request; {@code isFinal} closes it. Completes with false (and
     * records nothing) when the request is unknown or already has its final status, so the
     * journal holds exactly one final status per action whatever the callers do.
     */
    public CompletableFuture<Boolean> requestedStatus(String actionId, String status, boolean isFinal) {
        if (status.contains("\n")) {
            throw new IllegalArgumentException("a journaled status is one line");
        }
        long now = store.clock().wallMillis();
        return store.write(c -> HeldQueue.update(c, "UPDATE requested_actions SET statuses = statuses || char(10) || ?,"
                + " final = ?, updated_wall = ? WHERE action_id = ? AND final = 0", status, isFinal ? 1 : 0, now, actionId) == 1);
    }

    /** Journaled requests without a final status yet, oldest first (to resume after a restart). */
    public List<RequestedAction> openRequests() {
        return queryRequested("WHERE final = 0");
    }

    /** A journaled request, open or finished. */
    public Optional<RequestedAction> requested(String actionId) {
        return queryRequested("WHERE action_id = ?", actionId).stream().findFirst();
    }

    private List<RequestedAction> queryRequested(String where, Object... args) {
        return store.read(c -> {
            List<RequestedAction> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT action_id, request, statuses, final FROM requested_actions " + where + " ORDER BY rowid")) {
                for (int i = 0; i < args.length; i++) {
                    p.setObject(i + 1, args[i]);
                }
                ResultSet rs = p.executeQuery();
                while (rs.next()) {
                    out.add(new RequestedAction(rs.getString(1), rs.getString(2), List.of(rs.getString(3).split("\n")),
                            rs.getInt(4) != 0));
                }
            }
            return out;
        });
    }

    /** Stores a reading unless an equally new or newer one for the same thing/key is stored. */
    public CompletableFuture<Void> putLatest(LatestValue v) {
        return store.write(c -> {
            HeldQueue.update(c, "INSERT INTO latest_values (thing, key, value, unit, ts_wall) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (thing, key) DO UPDATE SET value = excluded.value, unit = excluded.unit,"
                    + " ts_wall = excluded.ts_wall WHERE excluded.ts_wall > ts_wall",
                    v.thing(), v.key(), v.value(), v.unit(), v.tsWallMillis());
            return null;
        });
    }

    /** Every stored latest value, by thing and key. */
    public List<LatestValue> latestValues() {
        return store.read(c -> {
            List<LatestValue> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT thing, key, value, unit, ts_wall FROM latest_values ORDER BY thing, key");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new LatestValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
            }
            return out;
        });
    }

}
