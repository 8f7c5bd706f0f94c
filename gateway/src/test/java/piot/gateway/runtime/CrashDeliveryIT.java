package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway A is killed with -9 at random moments while a client posts actions for B (not running)
 * to its HTTP API; after the last restart B starts, and every action A acknowledged (202) runs on
 * B exactly once, in the order A acknowledged them.
 */
class CrashDeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedActionRunsOnceInOrderDespiteKillNineOfTheRequester() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        net.issue("a-1");
        net.issue("b-1");
        int aPort = TestMesh.freePort();
        int bPort = TestMesh.freePort();
        int aHttp = TestMesh.freePort();
        int bHttp = TestMesh.freePort();
        net.config("a-1", net.node("a-1", aPort) + net.security("a-1") + """
                links:
                  - { peer: b-1, address: 127.0.0.1:%d }
                http: { listen: 127.0.0.1:%d }
                """.formatted(bPort, aHttp));
        net.config("b-1", net.node("b-1", bPort) + net.security("b-1") + """
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, safe_state: off }
                http: { listen: 127.0.0.1:%d }
                """.formatted(bHttp));
        List<String> acked = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean posting = new AtomicBoolean(true);
        Random random = new Random(42);
        try (GatewayProcess a = new GatewayProcess(dir.resolve("a-1.yaml"), dir.resolve("a"), aHttp);
             GatewayProcess b = new GatewayProcess(dir.resolve("b-1.yaml"), dir.resolve("b"), bHttp)) {
            Thread client = Thread.ofPlatform().name("client").start(() -> {
                int n = 0;
                while (posting.get()) {
                    String value = n++ % 2 == 0 ? "on" : "off";
                    Optional<HttpResponse<String>> r = a.post("/api/actions",
                            "{\"node\":\"b-1\",\"thing\":\"pump\",\"action\":\"switch\",\"value\":\"" + value + "\",\"expiry\":\"10m\"}");
                    if (r.isPresent() && r.get().statusCode() == 202) {
                        try {
                            acked.add(JSON.readTree(r.get().body()).path("id").asText());
                        } catch (java.io.IOException e) {
                            throw new AssertionError(e);
                        }
                    } else if (r.isEmpty()) {
                        Thread.onSpinWait();
                    }
                }
            });
            for (int i = 0; i < KILLS; i++) {
                a.start();
                int before = acked.size();
                TestMesh.await("A answers", Duration.ofSeconds(30), () -> a.get("/api/peers").isPresent() && acked.size() > before);
                long killAt = System.nanoTime() + (50 + random.nextInt(400)) * 1_000_000L;
                TestMesh.await("the random kill moment", Duration.ofSeconds(2), () -> System.nanoTime() - killAt >= 0);
                a.kill();
            }
            posting.set(false);
            client.join(10_000);
            List<String> ackedIds = List.copyOf(acked);
            System.out.println(ackedIds.size() + " actions acknowledged across " + KILLS + " kill -9 of A");
            a.start();
            b.start();
            Path bDb = dir.resolve("data-b-1").resolve("node.db");
            // Completed, not just claimed: the claim is recorded before the actuator runs, the outcome just after.
            TestMesh.await("B ran every acknowledged action", Duration.ofSeconds(60), () -> {
                Map<String, String> now = executed(bDb);
                return ackedIds.stream().allMatch(id -> now.containsKey(id) && !now.get(id).contains("claimed"));
            });
            Map<String, String> done = executed(bDb);
            List<String> order = new ArrayList<>(done.keySet());
            int last = -1;
            for (String id : ackedIds) {
                assertTrue(done.get(id).contains("\"completed\""), id + " ended " + done.get(id));
                int at = order.indexOf(id);
                assertTrue(at > last, "action " + id + " ran out of acknowledgement order");
                last = at;
            }
            assertTrue(ackedIds.size() >= KILLS, "the client got actions acknowledged: " + ackedIds.size());
            assertEquals(order.size(), done.size());
        }
    }

    /** B's executed actions in the order it claimed them, with their recorded status. */
    private static Map<String, String> executed(Path db) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!db.toFile().exists()) {
            return out;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT action_id, status FROM actions ORDER BY rowid")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            return out; // not created yet, or busy: the await asks again
        }
        return out;
    }
}
