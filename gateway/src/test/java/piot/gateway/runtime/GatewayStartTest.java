package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.time.Clock;

/** Starting a gateway: identity checks, and a standalone gateway without a mesh. */
class GatewayStartTest {
    @TempDir
    Path dir;

    @Test
    void aCertificateForAnotherNodeIsRefusedWithAClearMessage() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        net.issue("barn-1");
        DeviceConfig c = net.config("greenhouse-1", net.node("greenhouse-1", 0) + net.security("barn-1")
                + "http: { listen: 127.0.0.1:0 }\n");
        Gateway g = Gateway.create(c, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::start);
        g.close();
        assertTrue(e.getMessage().contains("is issued to 'barn-1', but node.name is 'greenhouse-1'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data-greenhouse-1").resolve(NodeStore.FILE_NAME)), "nothing was opened");
    }

    @Test
    void missingPemFilesWithoutSimAreRefusedNamingThePkiCommands() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        DeviceConfig c = net.config("greenhouse-1", net.node("greenhouse-1", 0) + net.security("greenhouse-1")
                + "http: { listen: 127.0.0.1:0 }\n");
        Gateway g = Gateway.create(c, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::start);
        g.close();
        assertTrue(e.getMessage().contains("piot pki issue greenhouse-1 --dir"), e.getMessage());
    }

    @Test
    void aStandaloneGatewaySamplesStoresLatestValuesAndServesHttp() throws Exception {
        TestMesh net = new TestMesh(dir, "home");
        DeviceConfig c = net.config("solo-1", net.node("solo-1", 0) + """
                sensors:
                  - { id: air, type: sht31, i2c: { bus: 1, address: 0x44 }, interval: 500ms }
                http: { listen: 127.0.0.1:0 }
                simulation:
                  sensors:
                    air:
                      temperature: { signal: constant, value: 19.5 }
                """);
        try (Gateway g = Gateway.create(c, true)) {
            g.start();
            assertEquals(0, g.meshPort(), "no mesh without security, links or discovery");
            URI things = g.httpUri().resolve("/api/things");
            HttpClient http = HttpClient.newHttpClient();
            TestMesh.await("a temperature on /api/things", Duration.ofSeconds(20), () -> {
                try {
                    String body = http.send(HttpRequest.newBuilder(things).build(), HttpResponse.BodyHandlers.ofString()).body();
                    return body.contains("\"temperature\"") && body.contains("19.5");
                } catch (Exception e) {
                    return false;
                }
            });
        }
        try (NodeStore store = NodeStore.open(dir.resolve("data-solo-1"), HoldingConfig.defaults(), Clock.system())) {
            assertTrue(store.state().latestValues().stream().anyMatch(v -> v.thing().equals("air") && v.key().equals("temperature")
                    && Double.parseDouble(v.value()) == 19.5), store.state().latestValues().toString());
        }
    }
}
