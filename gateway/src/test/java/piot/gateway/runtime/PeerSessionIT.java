package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code piot run} processes linked over loopback hold a session; after kill -9 of one, the
 * other reports it down within the heartbeat window (500 ms × 3) and up again after a restart.
 */
class PeerSessionIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aKilledPeerIsReportedDownWithinTheHeartbeatWindowAndUpAfterRestart() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        net.issue("house-1");
        net.issue("shed-1");
        int housePort = TestMesh.freePort();
        int shedPort = TestMesh.freePort();
        int houseHttp = TestMesh.freePort();
        int shedHttp = TestMesh.freePort();
        net.config("house-1", net.node("house-1", housePort) + net.security("house-1") + """
                links:
                  - { peer: shed-1, address: 127.0.0.1:%d }
                http: { listen: 127.0.0.1:%d }
                """.formatted(shedPort, houseHttp));
        net.config("shed-1", net.node("shed-1", shedPort) + net.security("shed-1") + """
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, safe_state: off }
                http: { listen: 127.0.0.1:%d }
                """.formatted(shedHttp));
        try (GatewayProcess house = new GatewayProcess(dir.resolve("house-1.yaml"), dir.resolve("house"), houseHttp);
             GatewayProcess shed = new GatewayProcess(dir.resolve("shed-1.yaml"), dir.resolve("shed"), shedHttp)) {
            house.start();
            shed.start();
            TestMesh.await("house-1 reports shed-1 up", Duration.ofSeconds(60), () -> "up".equals(state(house)));
            shed.kill();
            long killed = System.nanoTime();
            TestMesh.await("house-1 reports shed-1 down", Duration.ofSeconds(10), () -> "down".equals(state(house)));
            long millis = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("shed-1 reported down " + millis + " ms after kill -9 (heartbeat 500 ms x 3)");
            // 1.5 s window plus one heartbeat of phase and the status poll.
            assertTrue(millis <= 2_500, "down after " + millis + " ms");
            shed.start();
            TestMesh.await("house-1 reports shed-1 up again", Duration.ofSeconds(60), () -> "up".equals(state(house)));
        }
    }

    private static String state(GatewayProcess p) {
        return p.get("/api/peers").map(body -> {
            try {
                for (JsonNode peer : JSON.readTree(body).path("peers")) {
                    if (peer.path("name").asText().equals("shed-1")) {
                        return peer.path("state").asText();
                    }
                }
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
    }
}
