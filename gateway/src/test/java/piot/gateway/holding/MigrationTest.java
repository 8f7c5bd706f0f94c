package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.mesh.LinkStore.Held;

class MigrationTest {
    @TempDir
    Path dir;

    private void createFromSql(String resource) throws IOException, SQLException {
        String sql;
        try (InputStream in = MigrationTest.class.getResourceAsStream(resource)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME));
                Statement s = c.createStatement()) {
            for (String line : sql.split("\n")) {
                if (!line.isBlank() && !line.startsWith("--")) {
                    s.execute(line);
                }
            }
        }
    }

    @Test
    void aVersionOneDatabaseIsMigratedWithItsQueueAndCountersIntact() throws Exception {
        createFromSql("schema-v1.sql");
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            SqliteLinkStore q = store.linkStore();
            List<Held> held = q.pending("barn", 0, 10);
            assertEquals(List.of(4L, 5L), held.stream().map(Held::seq).toList());
            assertEquals("m15", Stores.text(held.get(1).message()));
            assertEquals(12, q.inboundWatermark("barn"));
            assertEquals(2, store.stats().peer("barn").depth());
            assertEquals(6, store.stats().peer("barn").bytes());
            assertEquals(1790000001000L, q.pendingMessages("barn", 4, 1).get(0).acceptedWallMillis());
            assertEquals(6L, q.append("barn", Stores.bytes("new")).join());
            q.confirm("barn", 6);
            assertEquals(0, store.stats().peer("barn").depth());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME))) {
            assertEquals(Schema.CURRENT, Schema.pragmaInt(c, "user_version"));
        }
    }

    @Test
    void aVersionTwoDatabaseKeepsItsQueueClaimsAndDedupeMarkAndGainsTheJournalAndTheSeenWindow() throws Exception {
        createFromSql("schema-v2.sql");
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            SqliteLinkStore q = store.linkStore();
            assertEquals(List.of(3L), q.pending("barn", 0, 10).stream().map(Held::seq).toList());
            assertEquals(7, q.inboundWatermark("barn"));
            assertFalse(store.state().claimAction("req-1", "claimed").join(), "an executed action stays executed");
            assertFalse(q.acceptOnce("greenhouse-1", 10).join(), "the old mark is the window's floor");
            assertFalse(q.acceptOnce("greenhouse-1", 4).join());
            assertTrue(q.acceptOnce("greenhouse-1", 12).join());
            assertTrue(q.acceptOnce("greenhouse-1", 11).join(), "above the floor, a late one is taken once");
            assertFalse(q.acceptOnce("greenhouse-1", 11).join());
            store.state().requestedAction("a-1", "{req}", "{pending}").join();
            assertEquals(1, store.state().openRequests().size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME))) {
            assertEquals(3, Schema.pragmaInt(c, "user_version"));
        }
    }

    @Test
    void aDatabaseFromANewerPiotIsRefusedWithAClearMessageAndLeftUntouched() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE future (x)");
            s.execute("PRAGMA user_version = " + (Schema.CURRENT + 1));
        }
        HoldingException e = assertThrows(HoldingException.class, () -> Stores.open(dir, Stores.clock()));
        assertEquals(HoldingException.Fault.NEWER_VERSION, e.fault());
        assertTrue(e.getMessage().contains(dir.resolve(NodeStore.FILE_NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("newer piot"), e.getMessage());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME))) {
            assertEquals(Schema.CURRENT + 1, Schema.pragmaInt(c, "user_version"));
        }
    }

    @Test
    void aFreshDatabaseIsCreatedAtTheCurrentVersion() throws Exception {
        try (NodeStore store = Stores.open(dir, Stores.clock())) {
            assertEquals(0, store.stats().peers().size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(NodeStore.FILE_NAME))) {
            assertEquals(Schema.CURRENT, Schema.pragmaInt(c, "user_version"));
            assertEquals(Schema.APPLICATION_ID, Schema.pragmaInt(c, "application_id"));
        }
    }
}
