package piot.gateway.runtime;

import static piot.gateway.holding.Commands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.app.Gateway;
import piot.gateway.config.DeviceConfig;

/**
 * A gateway whose data dir fills up (a real ENOSPC from a small tmpfs; needs root, skipped
 * otherwise): an action request it cannot hold is refused with a clear error instead of being
 * accepted and lost, the gateway keeps serving and reports the storage problem, what it accepted
 * before is still done, and it accepts again once space returns.
 */
class GatewayDiskFullTest {
    static final String PUMP_ON = "{\"node\":\"solo-1\",\"thing\":\"pump\",\"action\":\"switch\",\"value\":\"on\",\"expiry\":\"1h\"}";

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFullDiskRefusesNewActionsClearlyKeepsServingAndRecoversWhenSpaceReturns() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", data.toString()),
                "skipped: mounting a tmpfs needs root (CAP_SYS_ADMIN)");
        try {
            TestMesh net = new TestMesh(dir, "home");
            String node = net.node("solo-1", 0).replace(dir.resolve("data-solo-1").toString(), data.toString());
            DeviceConfig c = net.config("solo-1", node + """
                    sensors:
                      - { id: air, type: sht31, i2c: { bus: 1, address: 0x44 }, interval: 200ms }
                    actuators:
                      - { id: pump, type: gpio-output, pin: 27, safe_state: off }
                    http: { listen: 127.0.0.1:0 }
                    """);
            try (Gateway g = Gateway.create(c, true)) {
                g.start();
                URI base = g.httpUri();
                HttpResponse<String> before = post(base, PUMP_ON);
                assertEquals(202, before.statusCode(), before.body());
                String firstId = before.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                TestMesh.await("the first action done", Duration.ofSeconds(20), () -> get(base, "/api/actions/" + firstId).contains("\"completed\""));

                Path filler = data.resolve("filler");
                fill(filler);
                HttpResponse<String> refused = null;
                for (int i = 0; i < 50 && (refused == null || refused.statusCode() == 202); i++) {
                    refused = post(base, PUMP_ON); // until the store's remaining pages are used up too
                }
                assertTrue(refused.statusCode() >= 500 && refused.statusCode() < 600, refused.statusCode() + " " + refused.body());
                assertTrue(refused.body().contains("could not hold the request"), refused.body());
                String status = get(base, "/api/node");
                assertTrue(status.contains("\"degraded\"") && status.contains("storage"), status);
                assertTrue(get(base, "/api/actions/" + firstId).contains("\"completed\""), "what was accepted before is kept");

                Files.delete(filler);
                HttpResponse<String> after = post(base, PUMP_ON);
                assertEquals(202, after.statusCode(), after.body());
                TestMesh.await("healthy again", Duration.ofSeconds(20), () -> !get(base, "/api/node").contains("storage"));
            }
        } finally {
            run("umount", data.toString());
        }
    }

    /** Writes until the file system says it is full. */
    static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(block);
            }
            throw new AssertionError("a 2 MiB tmpfs took 64 MiB");
        } catch (IOException e) {
            // ENOSPC: full now
        }
    }

    HttpResponse<String> post(URI base, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/actions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String get(URI base, String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the gateway stopped answering: " + e);
        }
    }
}
