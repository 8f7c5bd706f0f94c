package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code piot run} processes on one host with discovery on and no {@code links:} between them:
 * they share the discovery port, find each other by broadcast on loopback (127.255.255.255) and
 * open a TLS session. A hung peer (SIGSTOP, sockets still open, so only the heartbeat can tell) is
 * reported down within the heartbeat window (500 ms × 3) plus margin; after SIGCONT, and after a
 * kill -9 and a restart, the session comes back.
 */
class DiscoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 500 ms × 3 misses, plus one heartbeat of phase, the 20 ms poll and a loaded 2-core machine. */
    private static final long DOWN_WITHIN_MILLIS = 1_500 + 1_500;

    @TempDir
    Path dir;

    @Test
    void twoProcessesWithoutLinksDiscoverEachOtherAndNoticeAHungPeerWithinTheHeartbeatWindow() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        net.issue("house-1");
        net.issue("shed-1");
        int discoveryPort = freeUdpPort();
        int houseHttp = TestMesh.freePort();
        int shedHttp = TestMesh.freePort();
        String discovery = "discovery: { enabled: true, port: %d, interval: 500ms, address: 127.255.255.255 }\n".formatted(discoveryPort);
        net.config("house-1", net.node("house-1", TestMesh.freePort()) + net.security("house-1") + discovery
                + "http: { listen: 127.0.0.1:%d }\n".formatted(houseHttp));
        net.config("shed-1", net.node("shed-1", TestMesh.freePort()) + net.security("shed-1") + discovery + """
                actuators:
                  - { id: pump, type: gpio-output, pin: 27, safe_state: off }
                http: { listen: 127.0.0.1:%d }
                """.formatted(shedHttp));
        try (GatewayProcess house = new GatewayProcess(dir.resolve("house-1.yaml"), dir.resolve("house"), houseHttp);
             GatewayProcess shed = new GatewayProcess(dir.resolve("shed-1.yaml"), dir.resolve("shed"), shedHttp)) {
            house.start();
            shed.start();
            TestMesh.await("house-1 and shed-1 discover each other and hold a session", Duration.ofSeconds(60),
                    () -> "up".equals(state(house, "shed-1")) && "up".equals(state(shed, "house-1")));

            shed.pause();
            long paused = System.nanoTime();
            TestMesh.await("house-1 reports the hung shed-1 down", Duration.ofSeconds(15), () -> "down".equals(state(house, "shed-1")));
            long millis = (System.nanoTime() - paused) / 1_000_000;
            System.out.println("DiscoveryIT: hung shed-1 (SIGSTOP) reported down after " + millis + " ms (heartbeat 500 ms x 3)");
            assertTrue(millis <= DOWN_WITHIN_MILLIS, "down after " + millis + " ms");

            shed.resume();
            long resumed = System.nanoTime();
            TestMesh.await("the session returns after SIGCONT", Duration.ofSeconds(60),
                    () -> "up".equals(state(house, "shed-1")) && "up".equals(state(shed, "house-1")));
            System.out.println("DiscoveryIT: session back " + (System.nanoTime() - resumed) / 1_000_000 + " ms after SIGCONT");

            shed.kill();
            long killed = System.nanoTime();
            TestMesh.await("house-1 reports the killed shed-1 down", Duration.ofSeconds(15), () -> "down".equals(state(house, "shed-1")));
            millis = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("DiscoveryIT: killed shed-1 (SIGKILL) reported down after " + millis + " ms");
            assertTrue(millis <= DOWN_WITHIN_MILLIS, "down after " + millis + " ms");
            shed.start();
            long restarted = System.nanoTime();
            TestMesh.await("the session returns after a restart", Duration.ofSeconds(60),
                    () -> "up".equals(state(house, "shed-1")) && "up".equals(state(shed, "house-1")));
            System.out.println("DiscoveryIT: session back " + (System.nanoTime() - restarted) / 1_000_000 + " ms after restart");
        }
    }

    /** A UDP port that was free a moment ago. */
    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String state(GatewayProcess p, String peer) {
        return field(p, peer, "state");
    }

    /** Field {@code name} of {@code peer} in {@code p}'s /api/peers; "" when unknown. */
    private static String field(GatewayProcess p, String peer, String name) {
        return p.get("/api/peers").map(body -> {
            try {
                for (JsonNode n : JSON.readTree(body).path("peers")) {
                    if (n.path("name").asText().equals(peer)) {
                        return n.path(name).asText();
                    }
                }
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
    }
}
